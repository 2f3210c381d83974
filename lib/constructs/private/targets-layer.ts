import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { writeAssetDir } from './asset-dir';

/** Where a layer's files appear in the function: `/opt/<path in the layer>`. */
export const TARGETS_FILE = '/opt/alert-responder/targets.json';

/**
 * A layer holding a responder's targets, for systems whose targets do not fit Lambda's 4 KB
 * environment. A layer rather than the bundle: every responder of a family shares one bundle,
 * built once per synth.
 */
export function targetsLayer(scope: Construct, id: string, targetsJson: string, description: string): lambda.LayerVersion {
  const dir = writeAssetDir('targets', { 'alert-responder/targets.json': targetsJson });
  return new lambda.LayerVersion(scope, id, {
    code: lambda.Code.fromAsset(dir),
    compatibleRuntimes: [lambda.Runtime.NODEJS_24_X],
    compatibleArchitectures: [lambda.Architecture.ARM_64],
    description,
  });
}
