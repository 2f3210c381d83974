import { Duration, Tags } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';

/** Route 53's fastest standard interval, and the failures before a check is unhealthy. */
const REQUEST_INTERVAL = Duration.seconds(30);
const FAILURE_THRESHOLD = 3;

/** A Route 53 health check of an HTTP(S) URL: type, host, port and path all come from the URL. */
export function createUrlHealthCheck(scope: Construct, id: string, url: string, name: string): route53.HealthCheck {
  const parsed = new URL(url);
  const https = parsed.protocol === 'https:';
  const check = new route53.HealthCheck(scope, id, {
    type: https ? route53.HealthCheckType.HTTPS : route53.HealthCheckType.HTTP,
    fqdn: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : https ? 443 : 80,
    resourcePath: `${parsed.pathname}${parsed.search}`,
    requestInterval: REQUEST_INTERVAL,
    failureThreshold: FAILURE_THRESHOLD,
    // API Gateway, CloudFront and App Runner serve many hosts on one address: they need SNI.
    enableSNI: https ? true : undefined,
  });
  // The console lists health checks by their Name tag.
  Tags.of(check).add('Name', name);
  return check;
}
