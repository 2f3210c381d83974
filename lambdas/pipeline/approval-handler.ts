import type { ResultRecord, Signed } from '../core/record';
import { logger } from '../runtime/powertools';
import { parseApprovalEvent } from './approval-event';
import { approvalRecord, type ApproveDeps } from './approve';

/** What the function URL returns: the approval's signed record, or why the request was not read. */
export interface ApprovalResponse {
  readonly statusCode: number;
  readonly headers: { readonly 'content-type': 'application/json' };
  readonly body: string;
}

const respond = (statusCode: number, body: unknown): ApprovalResponse => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/**
 * Handles one request through the function URL: a request that cannot be read (no IAM caller,
 * not a POST, a malformed body) gets 400 and no record, since it decides nothing; every readable
 * one gets exactly one signed record, written before it is returned (403 for a caller who is not
 * an approver, 200 otherwise: the record says what was decided).
 */
export async function approvalResponse(event: Parameters<typeof parseApprovalEvent>[0], deps: ApproveDeps, write: (record: Signed<ResultRecord>) => Promise<void>): Promise<ApprovalResponse> {
  const parsed = parseApprovalEvent(event);
  if (!parsed.ok) {
    logger.warn('Approval request not read', { error: parsed.error, caller: parsed.caller?.arn });
    return respond(400, { error: parsed.error });
  }
  const record = await approvalRecord(parsed.request, parsed.caller, deps);
  await write(record);
  return respond(record.reasonCode === 'approval-denied' ? 403 : 200, record);
}
