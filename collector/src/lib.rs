//! stackproof-collector
