/**
 * `export`: a cycle's settled runs for FinOps tools. `focus` writes the FOCUS 1.2 columns the spec makes
 * mandatory (and the ones that name the run: ResourceId = the job, Tags = actor, pull request,
 * repository, …) as CSV; `csv` and `json` write this ledger's own fields. Notional dollars (a
 * subscription's API-equivalent) are billed at 0: nobody pays them; their list figure stays in ListCost.
 */
import type { Cycle } from '../budget/types.js';
import type { LedgerDocument } from '../ledger/document.js';
export declare const EXPORT_FORMATS: readonly ["focus", "csv", "json"];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** One settled run as `csv` and `json` export it. */
export interface ExportRecord {
    key: string;
    jobId: string;
    repository: string | null;
    actor: string | null;
    association: string | null;
    pr: number | null;
    model: string | null;
    /** `real`, `notional`, or null for runs recorded before this was kept. */
    money: 'real' | 'notional' | null;
    /** Our recorded actual: the run's cost at list prices (API-equivalent when notional). */
    actualUsd: number;
    /** Claude's own total_cost_usd, when its result gave one. */
    claudeReportedUsd: number | null;
    heldAt: string;
    settledAt: string;
    priceTableAsOf: string;
}
/** The export in `format`. */
export declare function renderExport(format: ExportFormat, doc: LedgerDocument | null, cycle: Cycle, account: string): string;
/** The columns a FOCUS export writes, in the spec's alphabetical order. */
export declare const FOCUS_COLUMNS: readonly ["BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargePeriodEnd", "ChargePeriodStart", "ContractedCost", "EffectiveCost", "InvoiceIssuerName", "ListCost", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "ResourceId", "ResourceName", "ServiceCategory", "ServiceName", "SubAccountId", "Tags"];
