/**
 * What any feature reports a caller can act on: violations with their JSON pointers, and the
 * domain exceptions (invalid, not found, conflict, forbidden, overloaded) the API maps to statuses.
 */
package io.oven.workflows.problem;
