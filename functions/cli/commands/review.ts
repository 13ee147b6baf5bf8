import { userInfo } from 'node:os';
import { FsBlobStore } from '../../adapters/fs-blob-store.ts';
import { systemClock } from '../../ports/clock.ts';
import { InvalidReviewIdError } from '../../pipeline/review/decision.ts';
import {
  ReviewRefusedError,
  releaseParagraph,
  rejectParagraph,
  type DecisionOutcome,
} from '../../pipeline/review/review-decisions.ts';
import {
  listReview,
  NotUnderReviewError,
  type ReviewItem,
  type ReviewState,
  showReview,
} from '../../pipeline/review/review-queue.ts';
import { EXIT, UsageError, type CliIo, type Command } from '../command.ts';
import { parseOptions } from '../options.ts';
import { DEFAULT_DATA_DIR } from '../data-dir.ts';

const NAME = 'review';
const STATES: readonly ReviewState[] = ['held', 'released', 'rejected', 'withdrawn', 'changed-since-release'];

const OPTIONS = {
  data: { type: 'string' },
  json: { type: 'boolean' },
  state: { type: 'string' },
  redact: { type: 'string', multiple: true },
  basis: { type: 'string' },
  reason: { type: 'string' },
  by: { type: 'string' },
} as const;

export const reviewCommand: Command = {
  name: NAME,
  summary: 'List, show, release (with masking) or reject the § held back for review',
  help: `Usage: paragraf review list [--json] [--state STATE]
       paragraf review show ID [--json]
       paragraf review release ID [--redact TEXT]… [--basis TEXT] [--by NAME]
       paragraf review release ID ID… [--by NAME]
       paragraf review reject ID --reason TEXT [--by NAME]

The § the privacy gate held back (a personnummer, an individual case, a body whose § are reviewed first) wait here
for a person. ID is a § id as listed, e.g. alingsas-socialnamnden-2026-06-16-35.

  list      every held or decided §: state (held, released, rejected, changed-since-release), id, why, title
  show      one § in full, as it was held, with why and every decision taken on it
  release   publish the § at the next 'paragraf publish'. Each --redact TEXT is masked everywhere in the § as
            "[uppgift borttagen]" (case, line breaks and hyphenation do not matter; a personnummer is masked in every
            written form) and the § is marked redacted with --basis, e.g. "OSL 26 kap. 1 §". Refused while a
            personnummer is still in the masked §, and when a TEXT does not occur in it. Several ids without
            --redact release them one after the other (stopping at the first that is refused).
  reject    keep the § off the web for good, also in corrected versions of the protocol; --reason is required

Who decided (--by, default $PARAGRAF_USER or the login name), when and why is kept in the decision's history
(decisions/ in the store, never published). Decisions take effect at the next 'paragraf publish'.

Options:
  --data DIR              the store folder (default ${DEFAULT_DATA_DIR})
  --json                  machine-readable output (list, show)
  --state STATE           list only § in this state
  -h, --help              show this help

Exit status: 0 done; 1 refused or not under review (one line on stderr says why); 2 usage error.
`,
  run: runReview,
};

type Values = ReturnType<typeof parseOptions<typeof OPTIONS>>['values'];

async function runReview(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(NAME, args, OPTIONS);
  const [action, ...ids] = positionals;
  const store = new FsBlobStore(values.data ?? DEFAULT_DATA_DIR);
  try {
    switch (action) {
      case 'list':
        return await list(store, values, ids, io);
      case 'show':
        return await show(store, values, one(ids), io);
      case 'release':
        return await release(store, values, ids, io);
      case 'reject':
        if (!values.reason) throw new UsageError('reject needs --reason TEXT', NAME);
        return done(
          await rejectParagraph(
            { store, clock: systemClock },
            { paragraphId: one(ids), reason: values.reason, by: who(values, io) },
          ),
          io,
        );
      default:
        throw new UsageError(
          action === undefined
            ? 'review needs an action: list, show, release or reject'
            : `unknown review action '${action}'`,
          NAME,
        );
    }
  } catch (error) {
    if (error instanceof InvalidReviewIdError) throw new UsageError(error.message, NAME);
    if (error instanceof ReviewRefusedError || error instanceof NotUnderReviewError) {
      io.stderr(`paragraf: review ${action}: ${error.message}\n`);
      return EXIT.unreadable;
    }
    throw error;
  }
}

/**
 * One § with masking, or several without: the ordinary § of a review-first body (budget, delegationsordning …) are
 * released together once read. Texts to mask belong to one §, so --redact takes exactly one id.
 */
async function release(store: FsBlobStore, values: Values, ids: readonly string[], io: CliIo): Promise<number> {
  const redactions = values.redact ?? [];
  if (ids.length === 0 || (redactions.length > 0 && ids.length > 1)) {
    throw new UsageError(
      redactions.length > 0 ? '--redact goes with exactly one § id' : 'release needs at least one § id',
      NAME,
    );
  }
  const by = who(values, io);
  for (const paragraphId of ids) {
    const outcome = await releaseParagraph(
      { store, clock: systemClock },
      {
        paragraphId,
        redactions,
        ...(values.basis ? { basis: values.basis } : {}),
        by,
      },
    );
    done(outcome, io);
  }
  return EXIT.ok;
}

function one(ids: readonly string[]): string {
  if (ids.length !== 1) throw new UsageError(`expected exactly one § id, got ${ids.length}`, NAME);
  return ids[0]!;
}

function who(values: Values, io: CliIo): string {
  return values.by ?? io.env.PARAGRAF_USER ?? io.env.USER ?? userInfo().username;
}

async function list(store: FsBlobStore, values: Values, extra: readonly string[], io: CliIo): Promise<number> {
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`, NAME);
  const state = values.state as ReviewState | undefined;
  if (state !== undefined && !STATES.includes(state))
    throw new UsageError(`--state must be one of ${STATES.join(', ')}`, NAME);
  const items = await listReview(store, state ? { state } : {});
  if (values.json) {
    io.stdout(`${JSON.stringify(items, null, 2)}\n`);
    return EXIT.ok;
  }
  if (items.length === 0) io.stdout('nothing held for review\n');
  for (const item of items) io.stdout(`${line(item)}\n`);
  return EXIT.ok;
}

function line(i: ReviewItem): string {
  const why = [...i.reasons, ...(i.signals.length > 0 ? [`(${i.signals.join(',')})`] : [])].join(' ') || '-';
  const title = i.title.length > 60 ? `${i.title.slice(0, 59)}…` : i.title;
  return `${i.state.padEnd(22)}${i.paragraphId}  ${why}  ${title}`;
}

async function show(store: FsBlobStore, values: Values, id: string, io: CliIo): Promise<number> {
  const detail = await showReview(store, id);
  if (values.json) {
    io.stdout(`${JSON.stringify(detail, null, 2)}\n`);
    return EXIT.ok;
  }
  const { item, paragraph, decision } = detail;
  const out = [
    `§ ${item.number}  ${item.paragraphId}`,
    `state:     ${item.state}`,
    `held for:  ${item.reasons.join(', ') || '-'}${item.signals.length > 0 ? ` (signals: ${item.signals.join(', ')})` : ''}`,
    ...(item.findings.length > 0 ? [`numbers in: ${[...new Set(item.findings.map((f) => f.field))].join(', ')}`] : []),
    ...(item.heldAt ? [`held at:   ${item.heldAt}`] : []),
    ...(decision?.history ?? []).map(
      (e) =>
        `decision:  ${e.at} ${e.action} by ${e.by}${e.reason ? `: ${e.reason}` : ''}${e.basis ? ` (basis: ${e.basis})` : ''}`,
    ),
    ...(decision?.state === 'released' && decision.redactions.length > 0
      ? [`masked:    ${decision.redactions.map((r) => JSON.stringify(r)).join(', ')}`]
      : []),
    '',
    paragraph?.text ?? '(the text is not kept: no review entry)',
    '',
  ];
  io.stdout(out.join('\n'));
  return EXIT.ok;
}

function done(outcome: DecisionOutcome, io: CliIo): number {
  const masked =
    outcome.masked && outcome.masked.length > 0 ? `, masked ${outcome.masked.map((n) => `${n}×`).join(' ')}` : '';
  const next = outcome.recordChanged ? '; the next publish applies it' : '; nothing changes in what is published';
  io.stdout(`${outcome.state} ${outcome.paragraphId}${masked}${next}\n`);
  return EXIT.ok;
}
