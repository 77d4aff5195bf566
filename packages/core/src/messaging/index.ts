/**
 * Messaging rules of the core: when an automatic message may go (quiet hours in the debtor's time
 * zone, holidays, contact caps), the outbox payloads, instalment reminders and owner alerts.
 *
 * @module
 */
export {};
