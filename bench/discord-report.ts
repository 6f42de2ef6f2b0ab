import { ACK_P99_GOAL_MS, type CommandRoundTrip, type DiscordRoundTrip } from './discord-round-trip.js';
import { alignColumns, latencyCell } from './report.js';

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const CLEAN_EXIT = 'exit code 0';
const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');

/** The round-trip table, in the same layout as the in-process one, with the goal beside each command. */
export function formatDiscordReport(run: DiscordRoundTrip): string {
  const measured = run.commands.reduce((most, command) => Math.max(most, command.acknowledgement.n), 0);
  const header =
    `Discord interaction round trip through the fake · ${run.articles} articles · ` +
    `bot serving ${(run.startupMs / 1000).toFixed(1)} s after spawn · ` +
    `${measured} per command after ${run.warmUp} warm-up${run.budgetExhausted ? ' (time budget ran out)' : ''}`;
  const rows: string[][] = [
    ['round trip ms (p50 / p99)', 'acknowledgement', 'final reply', 'first: ack / reply', 'goal'],
  ];
  for (const command of run.commands) {
    rows.push([
      `  /${command.command}${answerKinds(command)}`,
      latencyCell(command.acknowledgement),
      latencyCell(command.finalReply),
      command.firstMs ? `${ms(command.firstMs.acknowledgement)} / ${ms(command.firstMs.finalReply)}` : '-',
      `ack p99 < ${ACK_P99_GOAL_MS} ms: ${mark(meetsAckGoal(command))}`,
    ]);
  }
  const rules = run.violationRules.length ? ` (${run.violationRules.join(', ')})` : '';
  rows.push([
    '  fake Discord violations',
    `${run.violations}${rules}`,
    '',
    '',
    `must be 0: ${mark(run.violations === 0)}`,
  ]);
  rows.push(['  bot after SIGTERM', run.botExit, '', '', `clean exit: ${mark(run.botExit === CLEAN_EXIT)}`]);
  return `${header}\n\n${alignColumns(rows)}\n`;
}

/** A command with unanswered interactions misses the goal whatever its percentiles say. */
function meetsAckGoal(command: CommandRoundTrip): boolean {
  const { acknowledgement } = command;
  return acknowledgement.n > 0 && acknowledgement.errors === 0 && acknowledgement.p99 < ACK_P99_GOAL_MS;
}

/** How the answers came: deferred then edited, and how many were ephemeral refusals. */
function answerKinds(command: CommandRoundTrip): string {
  const parts = [`${command.deferred}/${command.acknowledgement.n} deferred`];
  if (command.ephemeral) parts.push(`${command.ephemeral} ephemeral`);
  return ` (${parts.join(', ')})`;
}
