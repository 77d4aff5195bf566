import type { RateTableDefinition } from "./rate-table.js";

/**
 * The ECB's main refinancing operations rate (the fixed rate of its fixed-rate tenders since
 * 15 October 2008), one entry per change with the date it took effect. Not an interest rate a
 * debtor owes: it is the reference from which the statutory commercial rates are derived
 * (NL art. 6:120 lid 2 BW, BE law of 2 August 2002 art. 2, 4° and 5; see
 * {@link DERIVED_RATE_RULES}). Trusted until the day before the next decision could take effect;
 * a host that adds the next change (in a rates file or with `extendRateTable`) extends the derived
 * tables with it.
 *
 * @example
 * ```ts
 * import { ecbMainRefinancingRateTable } from "@incasso/core";
 * ecbMainRefinancingRateTable.entries.at(-1)?.rate; // "2.65"
 * ```
 */
export const ecbMainRefinancingRateTable: RateTableDefinition = {
  id: "ecb.mro",
  name: "ECB main refinancing operations rate (reference rate)",
  source:
    "European Central Bank, key ECB interest rates: main refinancing operations, fixed rate tenders (https://www.ecb.europa.eu/stats/policy_and_exchange_rates/key_ecb_interest_rates/html/index.en.html)",
  // The outcome of the decision of 29 October 2026 was not available when this table was
  // written; a change decided then would take effect on 4 November 2026.
  trustedUntil: "2026-11-03",
  entries: [
    {
      from: "2008-10-15",
      rate: "3.75",
      source:
        "ECB main refinancing operations, fixed rate 3.75 % with effect from 2008-10-15 (first fixed-rate tender with full allotment (decision 8 October 2008)): Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "secondary",
    },
    {
      from: "2008-11-12",
      rate: "3.25",
      source:
        "ECB main refinancing operations, fixed rate 3.25 % with effect from 2008-11-12: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "secondary",
    },
    {
      from: "2008-12-10",
      rate: "2.50",
      source:
        "ECB main refinancing operations, fixed rate 2.50 % with effect from 2008-12-10: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "secondary",
    },
    {
      from: "2009-01-21",
      rate: "2.00",
      source:
        "ECB main refinancing operations, fixed rate 2.00 % with effect from 2009-01-21: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "secondary",
    },
    {
      from: "2009-03-11",
      rate: "1.50",
      source:
        "ECB main refinancing operations, fixed rate 1.50 % with effect from 2009-03-11: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "secondary",
    },
    {
      from: "2009-04-08",
      rate: "1.25",
      source:
        "ECB main refinancing operations, fixed rate 1.25 % with effect from 2009-04-08: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "secondary",
    },
    {
      from: "2009-05-13",
      rate: "1.00",
      source:
        "ECB main refinancing operations, fixed rate 1.00 % with effect from 2009-05-13: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "secondary",
    },
    {
      from: "2011-04-13",
      rate: "1.25",
      source:
        "ECB main refinancing operations, fixed rate 1.25 % with effect from 2011-04-13: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2011-07-13",
      rate: "1.50",
      source:
        "ECB main refinancing operations, fixed rate 1.50 % with effect from 2011-07-13: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2011-11-09",
      rate: "1.25",
      source:
        "ECB main refinancing operations, fixed rate 1.25 % with effect from 2011-11-09: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2011-12-14",
      rate: "1.00",
      source:
        "ECB main refinancing operations, fixed rate 1.00 % with effect from 2011-12-14: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2012-07-11",
      rate: "0.75",
      source:
        "ECB main refinancing operations, fixed rate 0.75 % with effect from 2012-07-11: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2013-05-08",
      rate: "0.50",
      source:
        "ECB main refinancing operations, fixed rate 0.50 % with effect from 2013-05-08: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2013-11-13",
      rate: "0.25",
      source:
        "ECB main refinancing operations, fixed rate 0.25 % with effect from 2013-11-13: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2014-06-11",
      rate: "0.15",
      source:
        "ECB main refinancing operations, fixed rate 0.15 % with effect from 2014-06-11: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2014-09-10",
      rate: "0.05",
      source:
        "ECB main refinancing operations, fixed rate 0.05 % with effect from 2014-09-10: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2016-03-16",
      rate: "0.00",
      source:
        "ECB main refinancing operations, fixed rate 0.00 % with effect from 2016-03-16: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2022-07-27",
      rate: "0.50",
      source:
        "ECB main refinancing operations, fixed rate 0.50 % with effect from 2022-07-27 (decision 21 July 2022): Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2022-09-14",
      rate: "1.25",
      source:
        "ECB main refinancing operations, fixed rate 1.25 % with effect from 2022-09-14: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2022-11-02",
      rate: "2.00",
      source:
        "ECB main refinancing operations, fixed rate 2.00 % with effect from 2022-11-02: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2022-12-21",
      rate: "2.50",
      source:
        "ECB main refinancing operations, fixed rate 2.50 % with effect from 2022-12-21: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2023-02-08",
      rate: "3.00",
      source:
        "ECB main refinancing operations, fixed rate 3.00 % with effect from 2023-02-08: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2023-03-22",
      rate: "3.50",
      source:
        "ECB main refinancing operations, fixed rate 3.50 % with effect from 2023-03-22: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2023-05-10",
      rate: "3.75",
      source:
        "ECB main refinancing operations, fixed rate 3.75 % with effect from 2023-05-10: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2023-06-21",
      rate: "4.00",
      source:
        "ECB main refinancing operations, fixed rate 4.00 % with effect from 2023-06-21: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2023-08-02",
      rate: "4.25",
      source:
        "ECB main refinancing operations, fixed rate 4.25 % with effect from 2023-08-02: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2023-09-20",
      rate: "4.50",
      source:
        "ECB main refinancing operations, fixed rate 4.50 % with effect from 2023-09-20: Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2024-06-12",
      rate: "4.25",
      source:
        "ECB main refinancing operations, fixed rate 4.25 % with effect from 2024-06-12 (decision 6 June 2024): Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2024-09-18",
      rate: "3.65",
      source:
        "ECB main refinancing operations, fixed rate 3.65 % with effect from 2024-09-18 (decision 12 September 2024): Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2024-10-23",
      rate: "3.40",
      source:
        "ECB main refinancing operations, fixed rate 3.40 % with effect from 2024-10-23 (decision 17 October 2024): Banque de France, key ECB interest rates (https://www.banque-france.fr/en/policy-rates)",
      status: "confirmed",
    },
    {
      from: "2024-12-18",
      rate: "3.15",
      source:
        "ECB main refinancing operations, fixed rate 3.15 % with effect from 2024-12-18 (decision 12 December 2024): Banka Slovenije, ECB interest rates (https://www.bsi.si/en/ecb-interest-rates)",
      status: "confirmed",
    },
    {
      from: "2025-02-05",
      rate: "2.90",
      source:
        "ECB main refinancing operations, fixed rate 2.90 % with effect from 2025-02-05 (decision 30 January 2025): Banka Slovenije, ECB interest rates (https://www.bsi.si/en/ecb-interest-rates)",
      status: "confirmed",
    },
    {
      from: "2025-03-12",
      rate: "2.65",
      source:
        "ECB main refinancing operations, fixed rate 2.65 % with effect from 2025-03-12 (decision 6 March 2025): Banka Slovenije, ECB interest rates (https://www.bsi.si/en/ecb-interest-rates)",
      status: "confirmed",
    },
    {
      from: "2025-04-23",
      rate: "2.40",
      source:
        "ECB main refinancing operations, fixed rate 2.40 % with effect from 2025-04-23 (decision 17 April 2025): Banka Slovenije, ECB interest rates (https://www.bsi.si/en/ecb-interest-rates)",
      status: "confirmed",
    },
    {
      from: "2025-06-11",
      rate: "2.15",
      source:
        "ECB main refinancing operations, fixed rate 2.15 % with effect from 2025-06-11 (decision 5 June 2025; held on 24 July, 11 September, 30 October and 18 December 2025 and 5 February 2026; the Bundesbank's notice of 1 January 2026 states the rate of 22 December 2025 as 2.15): secondary sources that agree (news reports of the decisions, the Bundesbank base-rate notice)",
      status: "secondary",
    },
    {
      from: "2026-06-17",
      rate: "2.40",
      source:
        "ECB main refinancing operations, fixed rate 2.40 % with effect from 2026-06-17 (decision 11 June 2026 (ECB press release ecb.mp260611); held 23 July 2026; the Bundesbank base rate rose by the same 0.25 points on 1 July 2026): secondary sources that agree (reports of the ECB press release, the ECB Data Portal series FM/B.U2.EUR.4F.KR.MRR_FR.LEV as quoted, the Bundesbank base rate)",
      status: "secondary",
    },
    {
      from: "2026-09-16",
      rate: "2.65",
      source:
        "ECB main refinancing operations, fixed rate 2.65 % with effect from 2026-09-16 (decision 10 September 2026 (ECB press release ecb.mp260910)): secondary sources that agree (reports of the ECB press release, the ECB Data Portal series FM/B.U2.EUR.4F.KR.MRR_FR.LEV as quoted, the Bundesbank base rate)",
      status: "secondary",
    },
  ],
};
