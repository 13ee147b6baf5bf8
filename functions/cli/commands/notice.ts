import { FsBlobStore } from '../../adapters/fs-blob-store.ts';
import { systemClock } from '../../ports/clock.ts';
import { MeetingNotFoundError, NoticeRefusedError, setNoticeDate } from '../../pipeline/notice.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { DEFAULT_DATA_DIR } from '../data-dir.ts';
import { isoDateOption, parseOptions } from '../options.ts';

const NAME = 'notice';
const OPTIONS = {
  data: { type: 'string' },
  posted: { type: 'string' },
  removed: { type: 'string' },
} as const;

export const noticeCommand: Command = {
  name: NAME,
  summary: "Give the day a meeting's justering was posted on the anslagstavla (the appeal deadline follows)",
  help: `Usage: paragraf notice MEETING_ID --posted YYYY-MM-DD [--removed YYYY-MM-DD] [--data DIR]

The appeal period (KL 13 kap. 5 §) runs three weeks from the day the justering was announced on the anslagstavla;
most protocols do not print that day. This stores the day for a meeting already ingested, computes the last day to
appeal (moved past weekends and holidays, lag 1930:173) and marks the meeting for the next 'paragraf publish', which
shows it on the § and meeting pages ("Sista dag att överklaga …").

The dates the protocol itself states are kept apart and win: when the protocol states another notice day, the one
given here is kept but not used, and this command says so.

Options:
  --posted YYYY-MM-DD     the day the notice was posted (required)
  --removed YYYY-MM-DD    the day it was taken down
  --data DIR              the store folder (default ${DEFAULT_DATA_DIR})
  -h, --help              show this help

Exit status: 0 stored; 1 no such meeting or the date is refused; 2 usage error.
`,
  run: async (args, io) => {
    const { values, positionals } = parseOptions(NAME, args, OPTIONS);
    if (positionals.length !== 1) throw new UsageError('notice needs exactly one MEETING_ID', NAME);
    const posted = isoDateOption(NAME, 'posted', values.posted);
    if (posted === undefined) throw new UsageError('notice needs --posted YYYY-MM-DD', NAME);
    const removed = isoDateOption(NAME, 'removed', values.removed);
    try {
      const out = await setNoticeDate(
        { store: new FsBlobStore(values.data ?? DEFAULT_DATA_DIR), clock: systemClock },
        { meetingId: positionals[0]!, posted, ...(removed ? { removed } : {}) },
      );
      const stated = out.statedDiffers
        ? `; the protocol states the notice day ${out.statedDiffers}, which is used`
        : '';
      const next = out.recordChanged ? "; run 'paragraf publish' to publish it" : '; nothing changed';
      io.stdout(
        `${out.meetingId}: last day to appeal ${out.appeal.lastDay} (from ${out.appeal.noticeDate})${stated}${next}\n`,
      );
      return EXIT.ok;
    } catch (error) {
      if (error instanceof MeetingNotFoundError || error instanceof NoticeRefusedError) {
        io.stderr(`paragraf: notice: ${error.message}\n`);
        return EXIT.unreadable;
      }
      throw error;
    }
  },
};
