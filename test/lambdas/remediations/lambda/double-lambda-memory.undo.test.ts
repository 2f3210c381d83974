import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { updatePollPolicy } from '../../../../lambdas/remediations/lambda/lambda-alias-publish';
import { ALIAS_CASES } from './double-lambda-alias-fixtures';
import { aliasUndoTests } from './double-lambda-alias-undo-suite';
import { CASES, unqualifiedUndoTests } from './double-lambda-setting-undo-suite';
import { caseOf, lambdaMock } from './lambda-mock';

beforeAll(() => {
  retryPolicy.baseDelayMs = 0;
  updatePollPolicy.intervalMs = 0;
});

beforeEach(() => {
  lambdaMock.reset();
});

describe('double-lambda-memory undo', () => {
  describe('of a function without alias', () => unqualifiedUndoTests(caseOf(CASES, 'double-lambda-memory')));
  describe('through alias prod', () => aliasUndoTests(caseOf(ALIAS_CASES, 'double-lambda-memory')));
});
