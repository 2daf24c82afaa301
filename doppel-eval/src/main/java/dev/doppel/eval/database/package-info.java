/**
 * Cross-table measures of a synthetic database: referential integrity, how many children each parent row has, and
 * how a parent's columns relate to aggregates of its children. {@link dev.doppel.eval.DatabaseEvaluation} puts them
 * together with the single-table fidelity of every table.
 */
package dev.doppel.eval.database;
