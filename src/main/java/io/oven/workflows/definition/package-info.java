/**
 * The workflow definition format (DESIGN §3): records for every part of it, a parser that
 * keeps unknown keys and reports type problems with JSON pointers, and the validator.
 */
package io.oven.workflows.definition;
