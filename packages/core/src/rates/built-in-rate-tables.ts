import type { RateTableDefinition } from "./rate-table.js";

/**
 * BE legal interest rate (wettelijke interestvoet / taux d'intérêt légal), civil matters: law of
 * 5 May 1865 art. 2 §1 (Programmawet 27 December 2006), one rate per calendar year, published by
 * the FOD Financiën in the Belgisch Staatsblad and applying from 1 January.
 *
 * @example
 * ```ts
 * import { beLegalRateTable } from "@incasso/core";
 * beLegalRateTable.entries.at(-1); // { from: "2026-01-01", rate: "4.50", ... }
 * ```
 */
export const beLegalRateTable: RateTableDefinition = {
  id: "be.legal",
  name: "BE legal interest rate (civil matters)",
  source: "BE law of 5 May 1865 art. 2 §1, as amended by the Programmawet of 27 December 2006",
  trustedUntil: "2026-12-31",
  entries: [
    {
      from: "2010-01-01",
      rate: "3.25",
      source: "BE legal interest rate 2010: BS 15.01.2010",
      status: "confirmed",
    },
    {
      from: "2011-01-01",
      rate: "3.75",
      source: "BE legal interest rate 2011: BS 18.01.2011",
      status: "confirmed",
    },
    {
      from: "2012-01-01",
      rate: "4.25",
      source: "BE legal interest rate 2012: BS 18.01.2012",
      status: "confirmed",
    },
    {
      from: "2013-01-01",
      rate: "2.75",
      source: "BE legal interest rate 2013: BS 09.01.2013",
      status: "confirmed",
    },
    {
      from: "2014-01-01",
      rate: "2.75",
      source: "BE legal interest rate 2014: BS 20.01.2014",
      status: "confirmed",
    },
    {
      from: "2015-01-01",
      rate: "2.50",
      source: "BE legal interest rate 2015: BS 30.01.2015",
      status: "confirmed",
    },
    {
      from: "2016-01-01",
      rate: "2.25",
      source: "BE legal interest rate 2016: BS 18.01.2016",
      status: "confirmed",
    },
    {
      from: "2017-01-01",
      rate: "2.00",
      source: "BE legal interest rate 2017: BS 27.01.2017",
      status: "confirmed",
    },
    {
      from: "2018-01-01",
      rate: "2.00",
      source: "BE legal interest rate 2018: BS 11.01.2018",
      status: "confirmed",
    },
    {
      from: "2019-01-01",
      rate: "2.00",
      source: "BE legal interest rate 2019: publication not found; two secondary sources agree",
      status: "secondary",
    },
    {
      from: "2020-01-01",
      rate: "1.75",
      source: "BE legal interest rate 2020: BS 27.01.2020",
      status: "confirmed",
    },
    {
      from: "2021-01-01",
      rate: "1.75",
      source: "BE legal interest rate 2021: publication not found; two secondary sources agree",
      status: "secondary",
    },
    {
      from: "2022-01-01",
      rate: "1.50",
      source: "BE legal interest rate 2022: BS 01.03.2022",
      status: "confirmed",
    },
    {
      from: "2023-01-01",
      rate: "5.25",
      source: "BE legal interest rate 2023: publication not found; two secondary sources agree",
      status: "secondary",
    },
    {
      from: "2024-01-01",
      rate: "5.75",
      source: "BE legal interest rate 2024: BS 23.02.2024",
      status: "confirmed",
    },
    {
      from: "2025-01-01",
      rate: "4.50",
      source: "BE legal interest rate 2025: publication not found; two secondary sources agree",
      status: "secondary",
    },
    {
      from: "2026-01-01",
      rate: "4.50",
      source:
        "BE legal interest rate 2026: published in the BS (date not given); one secondary source",
      status: "secondary",
    },
  ],
};

/** The semesters before 2013, when the +7 regime applied to every contract. */
const BE_COMMERCIAL_BEFORE_2013: RateTableDefinition["entries"] = [
  {
    from: "2010-01-01",
    rate: "8.0",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: +7 regime, 2010 H1",
    status: "confirmed",
  },
  {
    from: "2010-07-01",
    rate: "8.0",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: +7 regime, 2010 H2 (ECB MRO 1.00 + 7)",
    status: "derived",
  },
  {
    from: "2011-01-01",
    rate: "8.0",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: +7 regime, 2011 H1",
    status: "secondary",
  },
  {
    from: "2011-07-01",
    rate: "8.5",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: +7 regime, 2011 H2",
    status: "secondary",
  },
  {
    from: "2012-01-01",
    rate: "8.0",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: +7 regime, 2012 H1",
    status: "secondary",
  },
  {
    from: "2012-07-01",
    rate: "8.0",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: +7 regime, 2012 H2",
    status: "secondary",
  },
];

/** The semesters from 2015 H2, when both Belgian commercial regimes have the same rate. */
const BE_COMMERCIAL_FROM_2015_H2: RateTableDefinition["entries"] = [
  {
    from: "2015-07-01",
    rate: "8.5",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2015 H2, all contracts",
    status: "secondary",
  },
  {
    from: "2016-01-01",
    rate: "8.5",
    source: "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2016 H1",
    status: "secondary",
  },
  {
    from: "2016-07-01",
    rate: "8.0",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2016 H2 (stable at 8 % from 2016 H2 to 2022 H2)",
    status: "confirmed",
  },
  {
    from: "2017-01-01",
    rate: "8.0",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2017 H1 (stable at 8 % from 2016 H2 to 2022 H2)",
    status: "confirmed",
  },
  {
    from: "2017-07-01",
    rate: "8.0",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2017 H2 (stable at 8 % from 2016 H2 to 2022 H2)",
    status: "confirmed",
  },
  {
    from: "2018-01-01",
    rate: "8.0",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2018 H1 (stable at 8 % from 2016 H2 to 2022 H2)",
    status: "confirmed",
  },
  {
    from: "2018-07-01",
    rate: "8.0",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2018 H2 (stable at 8 % from 2016 H2 to 2022 H2)",
    status: "confirmed",
  },
  {
    from: "2019-01-01",
    rate: "8.0",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2019 H1 (stable at 8 % from 2016 H2 to 2022 H2)",
    status: "confirmed",
  },
  {
    from: "2019-07-01",
    rate: "8.0",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2019 H2 (stable at 8 % from 2016 H2 to 2022 H2)",
    status: "confirmed",
  },
  {
    from: "2020-01-01",
    rate: "8.0",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2020 H1 (stable at 8 % from 2016 H2 to 2022 H2)",
    status: "confirmed",
  },
  {
    from: "2020-07-01",
    rate: "8.0",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2020 H2 (stable at 8 % from 2016 H2 to 2022 H2)",
    status: "confirmed",
  },
  {
    from: "2021-01-01",
    rate: "8.0",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2021 H1 (stable at 8 % from 2016 H2 to 2022 H2)",
    status: "confirmed",
  },
  {
    from: "2021-07-01",
    rate: "8.0",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2021 H2 (stable at 8 % from 2016 H2 to 2022 H2)",
    status: "confirmed",
  },
  {
    from: "2022-01-01",
    rate: "8.0",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2022 H1 (stable at 8 % from 2016 H2 to 2022 H2)",
    status: "confirmed",
  },
  {
    from: "2022-07-01",
    rate: "8.0",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2022 H2 (stable at 8 % from 2016 H2 to 2022 H2)",
    status: "confirmed",
  },
  {
    from: "2023-01-01",
    rate: "10.5",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2023 H1 (BS 17.03.2023)",
    status: "confirmed",
  },
  {
    from: "2023-07-01",
    rate: "12.0",
    source: "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2023 H2",
    status: "secondary",
  },
  {
    from: "2024-01-01",
    rate: "12.5",
    source: "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2024 H1",
    status: "confirmed",
  },
  {
    from: "2024-07-01",
    rate: "12.5",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2024 H2 (MB 30.07.2024)",
    status: "confirmed",
  },
  {
    from: "2025-01-01",
    rate: "11.5",
    source: "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2025 H1",
    status: "confirmed",
  },
  {
    from: "2025-07-01",
    rate: "10.5",
    source: "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2025 H2",
    status: "secondary",
  },
  {
    from: "2026-01-01",
    rate: "10.5",
    source:
      "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: 2026 H1 (ECB MRO 2.15 + 8 = 10.15, rounded up to 10.5)",
    status: "secondary",
  },
];

/**
 * BE late-payment interest in commercial transactions (law of 2 August 2002, art. 5): the ECB
 * reference rate + 8 points rounded up to the next half point, per semester, for contracts
 * concluded from 16 March 2013 (and for all contracts from 16 March 2015); before 2013 the +7
 * regime that applied to all contracts.
 *
 * @example
 * ```ts
 * import { beCommercialRateTable } from "@incasso/core";
 * beCommercialRateTable.trustedUntil; // "2026-06-30"
 * ```
 */
export const beCommercialRateTable: RateTableDefinition = {
  id: "be.commercial",
  name: "BE commercial late-payment rate (contracts from 16-03-2013)",
  source:
    "BE law of 2 August 2002 on late payment in commercial transactions, art. 5, as amended by the law of 22 November 2013 (Directive 2011/7/EU)",
  trustedUntil: "2026-06-30",
  entries: [
    ...BE_COMMERCIAL_BEFORE_2013,
    {
      from: "2013-01-01",
      rate: "9.0",
      source:
        "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: +8 regime, 2013 H1 (ECB MRO + 8, rounded up to half a point)",
      status: "secondary",
    },
    {
      from: "2013-07-01",
      rate: "8.5",
      source:
        "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: +8 regime, 2013 H2",
      status: "secondary",
    },
    {
      from: "2014-01-01",
      rate: "8.5",
      source:
        "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: +8 regime, 2014 H1 (BS 23.01.2014)",
      status: "secondary",
    },
    {
      from: "2014-07-01",
      rate: "8.5",
      source:
        "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: +8 regime, 2014 H2",
      status: "secondary",
    },
    {
      from: "2015-01-01",
      rate: "8.5",
      source:
        "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: +8 regime, 2015 H1",
      status: "secondary",
    },
    ...BE_COMMERCIAL_FROM_2015_H2,
  ],
};

/**
 * BE commercial late-payment rate for contracts concluded before 16 March 2013: the +7 regime,
 * which these contracts kept during the transition until 15 March 2015, after which the +8 regime
 * applies to them too.
 *
 * @example
 * ```ts
 * import { beCommercialPre2013RateTable } from "@incasso/core";
 * beCommercialPre2013RateTable.id; // "be.commercial.pre-2013"
 * ```
 */
export const beCommercialPre2013RateTable: RateTableDefinition = {
  id: "be.commercial.pre-2013",
  name: "BE commercial late-payment rate (contracts before 16-03-2013)",
  source:
    "BE law of 2 August 2002 on late payment in commercial transactions, art. 5; transition of the law of 22 November 2013 until 15-03-2015",
  trustedUntil: "2026-06-30",
  entries: [
    ...BE_COMMERCIAL_BEFORE_2013,
    {
      from: "2013-01-01",
      rate: "8.0",
      source:
        "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: +7 regime for contracts before 16-03-2013, 2013 H1",
      status: "secondary",
    },
    {
      from: "2013-07-01",
      rate: "7.5",
      source:
        "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: +7 regime, 2013 H2",
      status: "secondary",
    },
    {
      from: "2014-01-01",
      rate: "7.5",
      source:
        "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: +7 regime, 2014 H1",
      status: "secondary",
    },
    {
      from: "2014-07-01",
      rate: "7.5",
      source:
        "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: +7 regime, 2014 H2",
      status: "secondary",
    },
    {
      from: "2015-01-01",
      rate: "7.5",
      source:
        "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: +7 regime, 2015 H1 until 15-03-2015",
      status: "secondary",
    },
    {
      from: "2015-03-16",
      rate: "8.5",
      source:
        "BE law of 2 August 2002 on late payment in commercial transactions, art. 5: end of the transition: the +8 regime for all contracts from 16-03-2015 (official notice)",
      status: "confirmed",
    },
    ...BE_COMMERCIAL_FROM_2015_H2,
  ],
};

/**
 * NL wettelijke rente (art. 6:119 BW), non-commercial claims, set by AMvB (since 2023 the Besluit
 * vaststelling wettelijke rente). Compounds yearly by law (art. 6:119 lid 2).
 *
 * @example
 * ```ts
 * import { nlLegalRateTable } from "@incasso/core";
 * nlLegalRateTable.trustedUntil; // "2026-12-31"
 * ```
 */
export const nlLegalRateTable: RateTableDefinition = {
  id: "nl.legal",
  name: "NL wettelijke rente (art. 6:119 BW)",
  source: "NL BW art. 6:119 and 6:120 lid 1; Besluit vaststelling wettelijke rente (BWBR0047640)",
  trustedUntil: "2026-12-31",
  entries: [
    {
      from: "2009-07-01",
      rate: "4",
      source: "NL wettelijke rente from 2009-07-01: Stb. 2009, 262",
      status: "confirmed",
    },
    {
      from: "2010-01-01",
      rate: "3",
      source: "NL wettelijke rente from 2010-01-01: Stb. 2009, 618",
      status: "confirmed",
    },
    {
      from: "2011-07-01",
      rate: "4",
      source: "NL wettelijke rente from 2011-07-01: Besluit of 23 June 2011",
      status: "confirmed",
    },
    {
      from: "2012-07-01",
      rate: "3",
      source: "NL wettelijke rente from 2012-07-01: Stb. 2012, 285",
      status: "confirmed",
    },
    {
      from: "2015-01-01",
      rate: "2",
      source: "NL wettelijke rente from 2015-01-01: Stb. 2014, 491",
      status: "confirmed",
    },
    {
      from: "2023-01-01",
      rate: "4",
      source:
        "NL wettelijke rente from 2023-01-01: Besluit vaststelling wettelijke rente, BWBR0047640 art. 1",
      status: "confirmed",
    },
    {
      from: "2023-07-01",
      rate: "6",
      source: "NL wettelijke rente from 2023-07-01: Stb. 2023, 235",
      status: "confirmed",
    },
    {
      from: "2024-01-01",
      rate: "7",
      source: "NL wettelijke rente from 2024-01-01: AMvB of 20-12-2023",
      status: "confirmed",
    },
    {
      from: "2024-07-01",
      rate: "7",
      source: "NL wettelijke rente from 2024-07-01: unchanged (secondary source)",
      status: "secondary",
    },
    {
      from: "2025-01-01",
      rate: "6",
      source:
        "NL wettelijke rente from 2025-01-01: secondary source; formula ECB 3.40 + 2.25 = 5.65, rounded to 6",
      status: "secondary",
    },
    {
      from: "2025-07-01",
      rate: "6",
      source:
        "NL wettelijke rente from 2025-07-01: unchanged; the Besluit vaststelling wettelijke rente (BWBR0047640) has no version dated 2025-07-01 (its versions: 4 % 2023-01-01, 6 % 2023-07-01, 7 % 2024-01-01, 6 % 2025-01-01, 4 % 2026-01-01); the policy formula would have given 5, the AMvB did not follow it",
      status: "secondary",
    },
    {
      from: "2026-01-01",
      rate: "4",
      source:
        "NL wettelijke rente from 2026-01-01: Stb. 2025, 438 (Besluit vaststelling wettelijke rente, version of 2026-01-01)",
      status: "secondary",
    },
    {
      from: "2026-07-01",
      rate: "4",
      source:
        "NL wettelijke rente from 2026-07-01: unchanged (rijksoverheid.nl, July 2026, as quoted by secondary sources)",
      status: "secondary",
    },
  ],
};

/**
 * NL wettelijke handelsrente (art. 6:119a and 6:119b BW): the ECB main refinancing rate before
 * 1 January / 1 July + 7 points (+8 from 16 March 2013), without rounding. Compounds yearly by law
 * (art. 6:119a lid 3).
 *
 * @example
 * ```ts
 * import { nlCommercialRateTable } from "@incasso/core";
 * nlCommercialRateTable.entries.length > 20; // true
 * ```
 */
export const nlCommercialRateTable: RateTableDefinition = {
  id: "nl.commercial",
  name: "NL wettelijke handelsrente (art. 6:119a/6:119b BW)",
  source: "NL BW art. 6:119a, 6:119b and 6:120 lid 2",
  trustedUntil: "2026-12-31",
  entries: [
    {
      from: "2010-01-01",
      rate: "8.00",
      source: "NL handelsrente from 2010-01-01: ECB 1.00 + 7",
      status: "confirmed",
    },
    {
      from: "2011-01-01",
      rate: "8.00",
      source: "NL handelsrente from 2011-01-01: ECB 1.00 + 7",
      status: "secondary",
    },
    {
      from: "2011-07-01",
      rate: "8.25",
      source:
        "NL handelsrente from 2011-07-01: ECB 1.25 + 7; one source lists 8.00, the formula, a second rate table and the Belgian rate of the same semester (8.5 = 8.25 rounded up) give 8.25",
      status: "secondary",
    },
    {
      from: "2012-01-01",
      rate: "8.00",
      source: "NL handelsrente from 2012-01-01: ECB 1.00 + 7",
      status: "secondary",
    },
    {
      from: "2012-07-01",
      rate: "8.00",
      source: "NL handelsrente from 2012-07-01: ECB 1.00 + 7",
      status: "secondary",
    },
    {
      from: "2013-01-01",
      rate: "7.75",
      source: "NL handelsrente from 2013-01-01: ECB 0.75 + 7",
      status: "secondary",
    },
    {
      from: "2013-03-16",
      rate: "8.75",
      source: "NL handelsrente from 2013-03-16: ECB 0.75 + 8, margin change of 16-03-2013",
      status: "derived",
    },
    {
      from: "2013-07-01",
      rate: "8.50",
      source: "NL handelsrente from 2013-07-01: ECB 0.50 + 8",
      status: "secondary",
    },
    {
      from: "2014-01-01",
      rate: "8.25",
      source: "NL handelsrente from 2014-01-01: ECB 0.25 + 8",
      status: "secondary",
    },
    {
      from: "2014-07-01",
      rate: "8.15",
      source: "NL handelsrente from 2014-07-01: ECB 0.15 + 8",
      status: "secondary",
    },
    {
      from: "2015-01-01",
      rate: "8.05",
      source: "NL handelsrente from 2015-01-01: ECB 0.05 + 8",
      status: "secondary",
    },
    {
      from: "2015-07-01",
      rate: "8.05",
      source: "NL handelsrente from 2015-07-01: ECB 0.05 + 8",
      status: "derived",
    },
    {
      from: "2016-01-01",
      rate: "8.05",
      source: "NL handelsrente from 2016-01-01: ECB 0.05 + 8",
      status: "secondary",
    },
    {
      from: "2016-07-01",
      rate: "8.00",
      source: "NL handelsrente from 2016-07-01: ECB 0.00 + 8",
      status: "confirmed",
    },
    {
      from: "2017-01-01",
      rate: "8.00",
      source: "NL handelsrente from 2017-01-01: ECB 0.00 + 8",
      status: "confirmed",
    },
    {
      from: "2017-07-01",
      rate: "8.00",
      source: "NL handelsrente from 2017-07-01: ECB 0.00 + 8",
      status: "confirmed",
    },
    {
      from: "2018-01-01",
      rate: "8.00",
      source: "NL handelsrente from 2018-01-01: ECB 0.00 + 8",
      status: "confirmed",
    },
    {
      from: "2018-07-01",
      rate: "8.00",
      source: "NL handelsrente from 2018-07-01: ECB 0.00 + 8",
      status: "confirmed",
    },
    {
      from: "2019-01-01",
      rate: "8.00",
      source: "NL handelsrente from 2019-01-01: ECB 0.00 + 8",
      status: "confirmed",
    },
    {
      from: "2019-07-01",
      rate: "8.00",
      source: "NL handelsrente from 2019-07-01: ECB 0.00 + 8",
      status: "confirmed",
    },
    {
      from: "2020-01-01",
      rate: "8.00",
      source: "NL handelsrente from 2020-01-01: ECB 0.00 + 8",
      status: "confirmed",
    },
    {
      from: "2020-07-01",
      rate: "8.00",
      source: "NL handelsrente from 2020-07-01: ECB 0.00 + 8",
      status: "confirmed",
    },
    {
      from: "2021-01-01",
      rate: "8.00",
      source: "NL handelsrente from 2021-01-01: ECB 0.00 + 8",
      status: "confirmed",
    },
    {
      from: "2021-07-01",
      rate: "8.00",
      source: "NL handelsrente from 2021-07-01: ECB 0.00 + 8",
      status: "confirmed",
    },
    {
      from: "2022-01-01",
      rate: "8.00",
      source: "NL handelsrente from 2022-01-01: ECB 0.00 + 8",
      status: "confirmed",
    },
    {
      from: "2022-07-01",
      rate: "8.00",
      source: "NL handelsrente from 2022-07-01: ECB 0.00 + 8",
      status: "confirmed",
    },
    {
      from: "2023-01-01",
      rate: "10.50",
      source: "NL handelsrente from 2023-01-01: ECB 2.50 + 8",
      status: "derived",
    },
    {
      from: "2023-07-01",
      rate: "12.00",
      source: "NL handelsrente from 2023-07-01: ECB 4.00 + 8",
      status: "secondary",
    },
    {
      from: "2024-01-01",
      rate: "12.50",
      source: "NL handelsrente from 2024-01-01: ECB 4.50 + 8",
      status: "confirmed",
    },
    {
      from: "2024-07-01",
      rate: "12.25",
      source: "NL handelsrente from 2024-07-01: ECB 4.25 + 8",
      status: "secondary",
    },
    {
      from: "2025-01-01",
      rate: "11.15",
      source: "NL handelsrente from 2025-01-01: ECB 3.15 + 8",
      status: "secondary",
    },
    {
      from: "2025-07-01",
      rate: "10.15",
      source:
        "NL handelsrente from 2025-07-01: ECB 2.15 + 8 (several independent secondary sources agree)",
      status: "secondary",
    },
    {
      from: "2026-01-01",
      rate: "10.15",
      source:
        "NL handelsrente from 2026-01-01: ECB 2.15 + 8 (several independent secondary sources agree)",
      status: "secondary",
    },
    {
      from: "2026-07-01",
      rate: "10.40",
      source:
        'NL handelsrente from 2026-07-01: ECB 2.40 + 8; rijksoverheid.nl: "sinds 1 juli 2026 10,4%" (quoted by secondary sources)',
      status: "secondary",
    },
  ],
};
