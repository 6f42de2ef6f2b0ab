import { basisFooter } from '../src/citations.js';
import type { CommandDefinition } from '../src/command.js';
import type { Services } from '../src/services.js';

export const ANSWER_MODE = 'extractive (no LLM configured)';

function answerMode({ llm }: Services, guildId: string | null | undefined): string {
  if (!llm) return ANSWER_MODE;
  const left = llm.budget.remaining(guildId ?? null);
  return `${llm.model}, verified against the articles (extractive when it fails); ${left} of ${llm.budget.dailyAllowance} tokens left today here`;
}
const MEBIBYTE = 1024 * 1024;

function databaseState(health: NonNullable<Services['storeHealth']>): string {
  const problem = health.problem();
  return problem ? `⚠ cannot be written: ${problem}; subscriptions are not being saved or delivered` : 'ok';
}

export const status: CommandDefinition = {
  name: 'status',
  paginable: true,
  description: 'What Newsdesk has loaded, what it skipped and how it is running',
  options: [],
  run(_options, { services, now, guildId }) {
    const { corpus, index, load, startedAt } = services;
    const basis = corpus.basis();
    const memory = process.memoryUsage();
    return {
      tone: 'info',
      title: 'Status',
      items: [
        { text: `Articles loaded: ${corpus.size} (from ${load.dir} in ${Math.round(load.ms)} ms)`, cites: [] },
        { text: `Passages indexed: ${index.size}`, cites: [] },
        { text: `Files skipped: ${load.skipped.length}`, cites: [] },
        ...load.skipped.map((skip) => ({ text: `Skipped ${skip.file}: ${skip.reason}`, cites: [] })),
        { text: `Corpus version: ${corpus.version}`, cites: [] },
        { text: `As of: ${basis.asOf ?? 'no dated articles'}`, cites: [] },
        { text: `Uptime: ${formatDuration(now.getTime() - startedAt.getTime())}`, cites: [] },
        {
          text: `Memory: ${Math.round(memory.rss / MEBIBYTE)} MiB resident, ${Math.round(memory.heapUsed / MEBIBYTE)} MiB heap`,
          cites: [],
        },
        { text: `Answer mode: ${answerMode(services, guildId)}`, cites: [] },
        ...(services.storeHealth ? [{ text: `Database: ${databaseState(services.storeHealth)}`, cites: [] }] : []),
      ],
      citations: [],
      footer: basisFooter(basis),
    };
  },
};

/** "2 h 5 min", "3 min 12 s", "40 s". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h) return `${h} h ${m} min`;
  if (m) return `${m} min ${s} s`;
  return `${s} s`;
}
