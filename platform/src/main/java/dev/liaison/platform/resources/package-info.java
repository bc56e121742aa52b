/**
 * Container resources (the persistence context, the datasource, the clock) exposed as CDI beans, so that every other
 * bean of the platform can take them in its constructor.
 */
package dev.liaison.platform.resources;
