//! CloudWatch dashboards and alarms, SNS alert topics, the log groups a stack needs.


