/** The sessions module: a player's play sessions on a map, from start to end. */
package io.oven.workflows.modules.sessions;
