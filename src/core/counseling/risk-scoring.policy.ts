import { RISK_LEVELS, type RiskInstrument, type RiskLevel } from './counseling.schema';

/**
 * How a risk instrument's answers become a score and a level: pure, so the assessment form shows
 * the very band the core will store. The score is the sum of the chosen options' weights; the
 * level is the highest band whose `minScore` the score reaches, raised to any `minimumLevel` a
 * chosen option carries (a plan of suicide is severe whatever else).
 */

export const riskRank = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);

/**
 * Scores a complete set of answers, or null when an item is unanswered, an answer is not one of
 * its options, or an answer names no item.
 *
 * @example scoreRisk(DEFAULT_RISK_INSTRUMENT, answers) // { score: 9, level: 'high' }
 */
export function scoreRisk(instrument: RiskInstrument, answers: Readonly<Record<string, string>>): { score: number; level: RiskLevel } | null {
  if (Object.keys(answers).some((itemId) => !instrument.items.some((item) => item.id === itemId))) return null;
  let score = 0;
  let floor = 0;
  for (const item of instrument.items) {
    const option = item.options.find((candidate) => candidate.id === answers[item.id]);
    if (!option) return null;
    score += option.weight;
    if (option.minimumLevel) floor = Math.max(floor, riskRank(option.minimumLevel));
  }
  const band = [...instrument.bands].reverse().find((candidate) => score >= candidate.minScore) ?? instrument.bands[0];
  const level = RISK_LEVELS[Math.max(floor, band ? riskRank(band.level) : 0)] ?? 'low';
  return { score, level };
}
