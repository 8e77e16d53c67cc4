/**
 * Extortion email triage: is the leak real, what leaked, who had access, and is the sender the
 * worker we let go. Sub-packages, in the order a triage runs: {@code archive} (attachments opened
 * in memory, bounded, never extracted unless asked), {@code inventory} (the company's own files as
 * paths and hashes, and leak matching), {@code demand} (wallets, amounts, extortion language).
 */
package dev.unravel.triage;
