/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.e2bspringboot.local;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Tells the addresses of this machine's own network interfaces, loopback aside: where the
 * connections of sandboxes' user-mode network stacks come from.
 */
final class OwnAddresses {

	private final Map<InetAddress, Boolean> known = new ConcurrentHashMap<>();

	/**
	 * Return whether an address is one of this machine's, other than loopback.
	 * @param address a client's address
	 * @return whether it is this machine's own
	 */
	boolean isOwnNonLoopback(@Nullable InetAddress address) {
		if (address == null || address.isLoopbackAddress()) {
			return false;
		}
		return this.known.computeIfAbsent(address, OwnAddresses::isLocal);
	}

	private static boolean isLocal(InetAddress address) {
		try {
			return address.isAnyLocalAddress() || NetworkInterface.getByInetAddress(address) != null;
		}
		catch (SocketException ex) {
			return false;
		}
	}

}
