import type { BusRecorder } from './bus-recorder';
import type { ConformanceHarnessBase } from './conformance-fixtures';

/** Chinese text and emoji in every shape that breaks a careless encoder (astral, ZWJ-free modifiers). */
export const CJK_AND_EMOJI = '您好，我的订单还没到 📦🙏 — 麻烦查一下 👍🏽 ☕';

/** Statements that change a store. */
export const WRITES = /\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\b/i;

let sequence = 0;
/** A channel message id part no other run uses. */
export const uniqueId = (label: string): string =>
  `conf-${label}-${process.pid}-${Date.now().toString(36)}-${++sequence}`;

/** The running harness and bus of one suite, read lazily: they exist only after beforeAll. */
export interface ConformanceContext<H extends ConformanceHarnessBase> {
  harness(): H;
  bus(): BusRecorder;
}
