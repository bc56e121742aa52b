/**
 * Pull sync: where each connection's {@link dev.liaison.connector.api.RecordSource} stands ({@link SyncStore}), the
 * worker that claims a due connection and pulls it page by page ({@link SyncRunner}), each page handed to the inbound
 * pipeline in one transaction ({@link SyncPages}), and what the admin API may do with a sync ({@link SyncControl}).
 */
package dev.liaison.platform.sync;
