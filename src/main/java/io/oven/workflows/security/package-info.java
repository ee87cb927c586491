/**
 * Who may do what: users and their roles ({@link io.oven.workflows.security.Role}), API tokens,
 * the one Spring Security chain in front of everything but health, and the audit log of every
 * change made through the API.
 */
package io.oven.workflows.security;
