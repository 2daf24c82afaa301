/**
 * Data by design: tables, relations, processes and scenarios generated from a declared spec rather than learned from
 * real rows, optionally layered over learned Doppel models.
 */
package dev.doppel.design;
