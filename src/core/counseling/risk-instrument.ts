import { INSON_RISK_SCREEN_V1 } from './instruments/inson-risk-screen.v1';
import type { RiskInstrument } from './counseling.schema';

/** Risk instruments are data (./instruments/): this file only lists them (scoring: ./risk-scoring.policy.ts). */
/** Every instrument version the application scores with (old versions stay listed). */
export const RISK_INSTRUMENTS: readonly RiskInstrument[] = [INSON_RISK_SCREEN_V1];

/** The instrument new assessments use unless another is chosen. */
export const DEFAULT_RISK_INSTRUMENT = INSON_RISK_SCREEN_V1;

export function findInstrument(id: string, version: number): RiskInstrument | null {
  return RISK_INSTRUMENTS.find((instrument) => instrument.id === id && instrument.version === version) ?? null;
}

// Scoring lives in a pure policy module so the UI's form scores exactly as the core does.
export { riskRank, scoreRisk } from './risk-scoring.policy';
