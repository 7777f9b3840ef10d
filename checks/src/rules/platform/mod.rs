//! The platform around the workloads: ECR, Cloud Map, Application Auto Scaling, SSM.


