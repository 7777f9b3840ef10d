//! ECR repositories, Cloud Map, Application Auto Scaling, ACM certificates, HTTPS listeners.

use aws_sdk_applicationautoscaling::types::{
    MetricType, PolicyType, PredefinedMetricSpecification, ScalableDimension, ServiceNamespace,
    TargetTrackingScalingPolicyConfiguration,
};
use aws_sdk_ecr::types::{ImageScanningConfiguration, ImageTagMutability};
use aws_sdk_servicediscovery::types::{DnsConfig, DnsRecord, OperationTargetType, RecordType};

use super::{Builder, failed, required};
use crate::ProvisionError;
use crate::ledger::Kind;

/// Keep the newest images, expire the rest.
const LIFECYCLE_POLICY: &str = r#"{"rules":[{"rulePriority":1,"description":"keep the last 20 images","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":20},"action":{"type":"expire"}}]}"#;

impl Builder {
    /// A private repository with immutable tags, scan on push, a lifecycle policy and, when
    /// given, encryption with `key`; returns its URI.
    pub async fn ecr_repository(
        &mut self,
        base: &str,
        key: Option<&str>,
    ) -> Result<String, ProvisionError> {
        let name = self.name(base);
        let output = self
            .ecr
            .create_repository()
            .repository_name(&name)
            .image_tag_mutability(ImageTagMutability::Immutable)
            .set_tags(Some(
                self.tags(&name)
                    .into_iter()
                    .map(|(k, v)| aws_sdk_ecr::types::Tag::builder().key(k).value(v).build())
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(failed(&name))?,
            ))
            .image_scanning_configuration(
                ImageScanningConfiguration::builder()
                    .scan_on_push(true)
                    .build(),
            )
            .set_encryption_configuration(key.map(|key| {
                aws_sdk_ecr::types::EncryptionConfiguration::builder()
                    .encryption_type(aws_sdk_ecr::types::EncryptionType::Kms)
                    .kms_key(key)
                    .build()
                    .expect("encryption type is set")
            }))
            .send()
            .await
            .map_err(failed(&name))?;
        let uri = required(
            output
                .repository()
                .and_then(|r| r.repository_uri())
                .map(str::to_string),
            &name,
        )?;
        self.record(Kind::EcrRepository, &name, &[])?;
        self.ecr
            .put_lifecycle_policy()
            .repository_name(&name)
            .lifecycle_policy_text(LIFECYCLE_POLICY)
            .send()
            .await
            .map_err(failed(&name))?;
        Ok(uri)
    }

    /// A private DNS namespace in the VPC; returns its id.
    pub async fn private_namespace(
        &mut self,
        base: &str,
        vpc: &str,
    ) -> Result<String, ProvisionError> {
        let name = format!("{}.internal", self.name(base));
        let operation = self
            .discovery
            .create_private_dns_namespace()
            .name(&name)
            .vpc(vpc)
            .send()
            .await
            .map_err(failed(&name))?;
        let operation_id = required(operation.operation_id().map(str::to_string), &name)?;
        let status = self
            .discovery
            .get_operation()
            .operation_id(operation_id)
            .send()
            .await
            .map_err(failed(&name))?;
        let id = required(
            status
                .operation()
                .and_then(|o| o.targets())
                .and_then(|t| t.get(&OperationTargetType::Namespace))
                .cloned(),
            &name,
        )?;
        self.record(Kind::Namespace, &id, &[])?;
        Ok(id)
    }

    /// A discovery service (A records) in the namespace; returns its ARN.
    pub async fn discovery_service(
        &mut self,
        name: &str,
        namespace: &str,
    ) -> Result<String, ProvisionError> {
        let record = DnsRecord::builder()
            .r#type(RecordType::A)
            .ttl(10)
            .build()
            .map_err(failed(name))?;
        let config = DnsConfig::builder()
            .dns_records(record)
            .build()
            .map_err(failed(name))?;
        let output = self
            .discovery
            .create_service()
            .name(name)
            .namespace_id(namespace)
            .dns_config(config)
            .send()
            .await
            .map_err(failed(name))?;
        let service = required(output.service(), name)?;
        let (id, arn) = (
            required(service.id().map(str::to_string), name)?,
            required(service.arn().map(str::to_string), name)?,
        );
        self.record(Kind::DiscoveryService, &id, &[])?;
        Ok(arn)
    }

    /// Scales an ECS service between `min` and `max` tasks, tracking average CPU at `target`%.
    pub async fn cpu_scaling(
        &mut self,
        cluster: &str,
        service_arn: &str,
        min: i32,
        max: i32,
        target: f64,
    ) -> Result<(), ProvisionError> {
        let service = service_arn.rsplit('/').next().unwrap_or(service_arn);
        let resource = format!("service/{cluster}/{service}");
        self.autoscaling
            .register_scalable_target()
            .service_namespace(ServiceNamespace::Ecs)
            .resource_id(&resource)
            .scalable_dimension(ScalableDimension::EcsServiceDesiredCount)
            .min_capacity(min)
            .max_capacity(max)
            .send()
            .await
            .map_err(failed(&resource))?;
        self.record(Kind::ScalableTarget, &resource, &[])?;
        let metric = PredefinedMetricSpecification::builder()
            .predefined_metric_type(MetricType::EcsServiceAverageCpuUtilization)
            .build()
            .map_err(failed(&resource))?;
        let tracking = TargetTrackingScalingPolicyConfiguration::builder()
            .target_value(target)
            .predefined_metric_specification(metric)
            .build()
            .map_err(failed(&resource))?;
        self.autoscaling
            .put_scaling_policy()
            .policy_name(format!("{service}-cpu"))
            .service_namespace(ServiceNamespace::Ecs)
            .resource_id(&resource)
            .scalable_dimension(ScalableDimension::EcsServiceDesiredCount)
            .policy_type(PolicyType::TargetTrackingScaling)
            .target_tracking_scaling_policy_configuration(tracking)
            .send()
            .await
            .map_err(failed(&resource))?;
        Ok(())
    }

    /// A String parameter (hierarchies of shared and per-environment settings).
    pub async fn parameter(&mut self, name: &str, value: &str) -> Result<(), ProvisionError> {
        self.put_parameter(name, value, None).await
    }

    /// A SecureString parameter encrypted with `key` (a credential in the hierarchy).
    pub async fn secure_parameter(
        &mut self,
        name: &str,
        value: &str,
        key: &str,
    ) -> Result<(), ProvisionError> {
        self.put_parameter(name, value, Some(key)).await
    }

    async fn put_parameter(
        &mut self,
        name: &str,
        value: &str,
        secure_with: Option<&str>,
    ) -> Result<(), ProvisionError> {
        let kind = match secure_with {
            Some(_) => aws_sdk_ssm::types::ParameterType::SecureString,
            None => aws_sdk_ssm::types::ParameterType::String,
        };
        self.ssm
            .put_parameter()
            .name(name)
            .value(value)
            .r#type(kind)
            .set_key_id(secure_with.map(str::to_string))
            .send()
            .await
            .map_err(failed(name))?;
        self.record(Kind::SsmParameter, name, &[])
    }

    /// An ACM certificate for `domain` that works in any account: a self-signed certificate
    /// (ECDSA P-256) generated here and imported. A DNS-validated request needs a zone the
    /// account controls and stays `PENDING_VALIDATION` for a test domain, so the HTTPS listener
    /// could never be created on AWS. Returns its ARN.
    pub async fn certificate(&mut self, domain: &str) -> Result<String, ProvisionError> {
        // The common name is the domain too: ACM names an imported certificate by it.
        let generated = (|| {
            let mut params = rcgen::CertificateParams::new(vec![domain.to_string()])?;
            (params.distinguished_name).push(rcgen::DnType::CommonName, domain);
            let key = rcgen::KeyPair::generate()?;
            let cert = params.self_signed(&key)?;
            Ok::<_, rcgen::Error>((cert.pem(), key.serialize_pem()))
        })()
        .map_err(|error| ProvisionError::Create {
            what: format!("a self-signed certificate for {domain}"),
            message: error.to_string(),
        })?;
        let output = self
            .acm
            .import_certificate()
            .certificate(aws_sdk_acm::primitives::Blob::new(generated.0))
            .private_key(aws_sdk_acm::primitives::Blob::new(generated.1))
            .send()
            .await
            .map_err(failed(domain))?;
        let arn = required(output.certificate_arn().map(str::to_string), domain)?;
        self.record(Kind::Certificate, &arn, &[])?;
        Ok(arn)
    }
}
