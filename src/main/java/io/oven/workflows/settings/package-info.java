/**
 * Every {@code oven.*} setting as a typed record, with its default and its bounds in one place:
 * a bad value stops start-up naming the property, and IDEs complete them from the generated
 * metadata. Features receive the record they need; nothing reads {@code @Value} strings.
 */
package io.oven.workflows.settings;
