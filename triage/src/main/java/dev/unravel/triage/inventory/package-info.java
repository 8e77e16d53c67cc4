/**
 * The company's own files as paths, sizes and git blob ids ({@link
 * dev.unravel.triage.inventory.InventoryBuilder}, saved as an {@link
 * dev.unravel.triage.inventory.Inventory}), and the matcher that says which entries of a leaked
 * archive are ours ({@link dev.unravel.triage.inventory.InventoryMatcher}). The inventory never
 * holds file contents, so it can be kept and shared with responders without becoming a leak itself.
 */
package dev.unravel.triage.inventory;
