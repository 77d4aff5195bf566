// The Belgian demo scenarios: the project's example scenarios (examples/scenarios/scenarios.json)
// for business-to-business claims and for consumers (the free first reminder of Book XIX).
import type { ScenarioInput } from "@incasso/core";

/** The example scenarios `be-b2b` and `be-consumer`. */
export const BE_SCENARIOS: readonly ScenarioInput[] = [
  {
    id: "be-b2b",
    version: 1,
    name: "Belgium, business to business",
    calendar: "be",
    activities: [
      {
        code: "REM1",
        description: {
          nl: "Herinnering",
          fr: "Rappel",
          en: "Reminder",
        },
        kind: "email",
        template: "be-reminder",
        channel: "email",
        fallbackChannel: "post",
      },
      {
        code: "NOTICE",
        description: {
          nl: "Ingebrekestelling",
          fr: "Mise en demeure",
          en: "Formal notice",
        },
        kind: "formal-notice",
        template: "be-formal-notice",
        channel: "registered-post",
      },
      {
        code: "CALL",
        description: {
          nl: "Telefonisch contact",
          fr: "Appel",
          en: "Phone call",
        },
        kind: "call",
        channel: "phone",
      },
      {
        code: "BAILIFF",
        description: {
          nl: "Overdracht gerechtsdeurwaarder",
          fr: "Transmission à l'huissier",
          en: "Handover to bailiff",
        },
        kind: "bailiff-handover",
        channel: "none",
      },
    ],
    steps: [
      {
        activity: "REM1",
        wait: {
          days: 7,
        },
        after: "due-date",
        approval: "automatic",
      },
      {
        activity: "NOTICE",
        wait: {
          days: 14,
        },
        threshold: "50.00",
      },
      {
        activity: "CALL",
        wait: {
          days: 7,
          unit: "business",
        },
      },
      {
        activity: "BAILIFF",
        wait: {
          days: 21,
        },
        threshold: "250.00",
      },
    ],
  },
  {
    id: "be-consumer",
    version: 1,
    name: "Belgium, consumer (Book XIX)",
    calendar: "be",
    activities: [
      {
        code: "XIX1",
        description: {
          nl: "Kosteloze eerste herinnering",
          fr: "Premier rappel gratuit",
          en: "Free first reminder",
        },
        kind: "book19-first-reminder",
        template: "be-book19-first-reminder",
        channel: "post",
      },
      {
        code: "REM2",
        description: {
          nl: "Tweede herinnering",
          fr: "Second rappel",
          en: "Second reminder",
        },
        kind: "letter",
        template: "be-reminder",
        channel: "email",
        fallbackChannel: "post",
        cost: "7.50",
      },
      {
        code: "NOTICE",
        description: {
          nl: "Ingebrekestelling",
          fr: "Mise en demeure",
          en: "Formal notice",
        },
        kind: "formal-notice",
        template: "be-formal-notice",
        channel: "registered-post",
      },
      {
        code: "BAILIFF",
        description: {
          nl: "Overdracht gerechtsdeurwaarder",
          fr: "Transmission à l'huissier",
          en: "Handover to bailiff",
        },
        kind: "bailiff-handover",
        channel: "none",
      },
    ],
    steps: [
      {
        activity: "XIX1",
        wait: {
          days: 3,
        },
        after: "due-date",
        approval: "automatic",
      },
      {
        activity: "REM2",
        wait: {
          days: 21,
        },
      },
      {
        activity: "NOTICE",
        wait: {
          days: 14,
        },
        threshold: "25.00",
      },
      {
        activity: "BAILIFF",
        wait: {
          days: 30,
        },
        threshold: "500.00",
      },
    ],
  },
];
