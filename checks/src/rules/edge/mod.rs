//! Elastic Load Balancing v2: exposure, TLS, resilience, health checks, traffic weights.


