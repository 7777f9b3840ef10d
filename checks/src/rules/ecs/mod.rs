//! ECS task definitions and services.

pub mod ecs_001_task_cpu_architecture;
