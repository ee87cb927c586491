/** The players module: accounts of the game, never deleted (deactivated or banned instead). */
package io.oven.workflows.modules.players;
