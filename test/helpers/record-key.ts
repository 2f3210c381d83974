/**
 * A stand-in for the deployment's KMS HMAC record key: GenerateMac and VerifyMac answered as KMS
 * answers them (HMAC-SHA-256 of the message with a secret; KMSInvalidMacException for a MAC that
 * does not match), so tests sign and verify for real rather than compare canned strings.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  GenerateMacCommand,
  VerifyMacCommand,
  type GenerateMacCommandInput,
  type KMSClientResolvedConfig,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  type VerifyMacCommandInput,
} from '@aws-sdk/client-kms';
import type { AwsStub } from 'aws-sdk-client-mock';

/** `mockClient(KMSClient)`: made once per test file (a class can be mocked once), here or by all-clients-mock. */
export type KmsStub = AwsStub<ServiceInputTypes, ServiceOutputTypes, KMSClientResolvedConfig>;

export const RECORD_KEY_ALIAS = 'alias/ar-alert-responder-records';
export const RECORD_KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const SECRET = Buffer.from('alert-responder test record key, never a real one');

export const hmac = (message: Uint8Array, secret: Buffer = SECRET): Uint8Array => createHmac('sha256', secret).update(message).digest();

/** GenerateMac's answer for `input`, from the test key (any key id names it). */
export function generateMac(input: GenerateMacCommandInput): { Mac: Uint8Array; KeyId: string; MacAlgorithm: 'HMAC_SHA_256' } {
  if (!input.Message) throw new Error('GenerateMac without a Message');
  return { Mac: hmac(input.Message), KeyId: RECORD_KEY_ARN, MacAlgorithm: 'HMAC_SHA_256' };
}

/** VerifyMac's answer for `input`: MacValid, or the error KMS throws for a MAC that does not match. */
export function verifyMac(input: VerifyMacCommandInput): { MacValid: true; KeyId: string; MacAlgorithm: 'HMAC_SHA_256' } {
  if (!input.Message || !input.Mac) throw new Error('VerifyMac without a Message or Mac');
  const expected = hmac(input.Message);
  const given = Buffer.from(input.Mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw Object.assign(new Error('The HMAC is not valid (test)'), { name: 'KMSInvalidMacException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
  }
  return { MacValid: true, KeyId: RECORD_KEY_ARN, MacAlgorithm: 'HMAC_SHA_256' };
}

/** Answers the stub's GenerateMac and VerifyMac with the test key. Call in beforeEach: it resets the stub first. */
export function useRecordKey(stub: KmsStub): KmsStub {
  stub.reset();
  stub.on(GenerateMacCommand).callsFake(async (input: GenerateMacCommandInput) => generateMac(input));
  stub.on(VerifyMacCommand).callsFake(async (input: VerifyMacCommandInput) => verifyMac(input));
  return stub;
}
