/** The query shapes of the read model: filters and pages, as the routes and pages ask. */
export type {
  BodySummary,
  MeetingSummary,
  MunicipalitySummary,
  ParagraphSummary,
  UnitInfo,
} from '../../published/read-model/types.ts';

/** Filters of GET /v1/paragraphs. Unknown municipality or body slugs simply match nothing. */
export interface ParagraphFilter {
  /** Only the § of this meeting (id). */
  meeting?: string;
  municipality?: string;
  body?: string;
  /** Inclusive ISO dates of the meeting. */
  from?: string;
  to?: string;
  year?: number;
  caseNumber?: string;
  q?: string;
  hasVote?: boolean;
  hasReservation?: boolean;
}

export interface MeetingFilter {
  municipality?: string;
  body?: string;
  from?: string;
  to?: string;
  year?: number;
}

export type SortOrder = 'date' | '-date';

/** A page request over an ordered result; `after` is the position (document or meeting number) to continue after. */
export interface PageRequest {
  sort: SortOrder;
  limit: number;
  after?: number;
  /** Count every match (costs a pass over the candidates). */
  total?: boolean;
}

export interface PageResult {
  /** Positions of the items, in the requested order. */
  items: number[];
  more: boolean;
  total?: number;
}
