//! stackproof-provisioner
