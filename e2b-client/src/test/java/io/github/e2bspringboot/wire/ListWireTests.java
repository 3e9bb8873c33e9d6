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
package io.github.e2bspringboot.wire;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import io.github.e2bspringboot.errors.InvalidArgumentException;
import io.github.e2bspringboot.sandbox.ReactiveSandboxPaginator;
import io.github.e2bspringboot.sandbox.SandboxInfo;
import io.github.e2bspringboot.sandbox.SandboxPaginator;
import io.github.e2bspringboot.sandbox.SandboxQuery;
import io.github.e2bspringboot.sandbox.SandboxState;
import io.github.e2bspringboot.sandbox.SandboxTemplate;
import io.github.e2bspringboot.testsupport.RecordingServer;
import io.github.e2bspringboot.sandbox.ReactiveSandboxTemplate;
import io.github.e2bspringboot.sandbox.SandboxOrder;
import io.github.e2bspringboot.testsupport.RecordingServer.RecordedRequest;
import io.github.e2bspringboot.testsupport.RecordingServer.Response;
import io.github.e2bspringboot.testsupport.WireFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static io.github.e2bspringboot.testsupport.WireFixtures.listed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Listing sandboxes: the query encoding and the {@code X-Next-Token} paging of
 * {@code GET /v2/sandboxes}, asserted on the wire (PROTOCOL.md 3.4 and 8).
 */
class ListWireTests {

	private static final String TOKEN = "MjAyNi0xMS0yN1QxMDowMDowMC41Wl9fYTFiMmMzZDRlNWY2ZzdoOGk5ajA=";

	private static final SandboxQuery QUERY = SandboxQuery.builder()
		.metadata("user", "a b")
		.metadata("x/y", "z&w")
		.state(SandboxState.PAUSED, SandboxState.RUNNING)
		.build();

	private RecordingServer server;

	private SandboxTemplate sandboxes;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new RecordingServer();
		this.sandboxes = WireFixtures.template(this.server);
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void pagesAreFetchedWithTheTripleEncodedMetadataAndTheCursor() {
		this.server.enqueue(page("a1b2c3d4e5f6g7h8i9j0").withHeader("X-Next-Token", TOKEN))
			.enqueue(page("k1l2m3n4o5p6q7r8s9t0"));

		SandboxPaginator paginator = this.sandboxes.list(QUERY, 1, null);
		assertThat(this.server.pendingRequests()).as("list() itself sends nothing").isZero();
		assertThat(paginator.hasNext()).isTrue();
		assertThat(paginator.nextToken()).isNull();

		List<SandboxInfo> first = paginator.nextItems();
		assertThat(first).extracting(SandboxInfo::sandboxId).containsExactly("a1b2c3d4e5f6g7h8i9j0");
		assertThat(paginator.hasNext()).isTrue();
		assertThat(paginator.nextToken()).isEqualTo(TOKEN);

		List<SandboxInfo> second = paginator.nextItems();
		assertThat(second).extracting(SandboxInfo::sandboxId).containsExactly("k1l2m3n4o5p6q7r8s9t0");
		assertThat(paginator.hasNext()).isFalse();
		assertThat(paginator.nextToken()).isNull();

		// the exact request targets of the official JS SDK 2.51.0
		RecordedRequest firstRequest = this.server.takeRequest();
		assertThat(firstRequest.method()).isEqualTo("GET");
		assertThat(firstRequest.target())
			.isEqualTo("/v2/sandboxes?metadata=user%3Da%252520b%26x%25252Fy%3Dz%252526w&state=running,paused&limit=1");
		assertThat(this.server.takeRequest().target())
			.isEqualTo("/v2/sandboxes?metadata=user%3Da%252520b%26x%25252Fy%3Dz%252526w&state=running,paused&limit=1"
					+ "&nextToken=MjAyNi0xMS0yN1QxMDowMDowMC41Wl9fYTFiMmMzZDRlNWY2ZzdoOGk5ajA%3D");
	}

	@Test
	void orderTemplateAndStartTimeGoWhereTheJsSdkPutsThem() {
		this.server.enqueue(page("a1b2c3d4e5f6g7h8i9j0"));

		this.sandboxes
			.list(SandboxQuery.builder()
				.metadata("user", "a b")
				.state(SandboxState.RUNNING)
				.startedAfter(java.time.Instant.parse("2026-11-27T10:00:00Z"))
				.template("base")
				.order(SandboxOrder.ASCENDING)
				.build(), 10, null)
			.nextItems();

		// JS 2.51.0: metadata, state, startedAfter (toISOString), template, order, limit,
		// nextToken
		assertThat(this.server.takeRequest().target()).isEqualTo("/v2/sandboxes?metadata=user%3Da%252520b&state=running"
				+ "&startedAfter=2026-11-27T10%3A00%3A00.000Z&template=base&order=asc&limit=10");
	}

	@Test
	void theTagThatFindsLostCreatesIsNotInWhatApplicationsReadBack() {
		this.server.enqueue(Response.json(200,
				"[" + listed("a1b2c3d4e5f6g7h8i9j0",
						"{\"user\":\"alice\",\"" + ReactiveSandboxTemplate.CREATE_ID_METADATA_KEY + "\":\"c-1\"}")
						+ "]"));
		this.server.enqueue(Response.json(200, listed("a1b2c3d4e5f6g7h8i9j0",
				"{\"user\":\"alice\",\"" + ReactiveSandboxTemplate.CREATE_ID_METADATA_KEY + "\":\"c-1\"}")));

		assertThat(this.sandboxes.list().nextItems().get(0).metadata()).containsExactly(Map.entry("user", "alice"));
		assertThat(this.sandboxes.getInfo("a1b2c3d4e5f6g7h8i9j0").metadata())
			.containsExactly(Map.entry("user", "alice"));
	}

	@Test
	void nextItemsPastTheLastPageThrowsWithoutARequest() {
		this.server.enqueue(page("a1b2c3d4e5f6g7h8i9j0"));
		SandboxPaginator paginator = this.sandboxes.list();
		paginator.nextItems();
		this.server.takeRequest();

		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(paginator::nextItems)
			.withMessage("No more items to fetch");
		assertThat(this.server.pendingRequests()).isZero();
	}

	@Test
	void anUnfilteredListSendsNoQuery() {
		this.server.enqueue(page("a1b2c3d4e5f6g7h8i9j0"));

		this.sandboxes.list().nextItems();

		assertThat(this.server.takeRequest().target()).isEqualTo("/v2/sandboxes");
	}

	@Test
	void streamWalksEveryPageLazily() {
		this.server.enqueue(page("s1", "s2").withHeader("X-Next-Token", "t1"))
			.enqueue(page("s3").withHeader("X-Next-Token", "t2"))
			.enqueue(page("s4"));

		var stream = this.sandboxes.list(SandboxQuery.all(), 2, null).stream().map(SandboxInfo::sandboxId).iterator();
		assertThat(stream.next()).isEqualTo("s1");
		assertThat(this.server.pendingRequests()).as("only the first page is fetched").isEqualTo(1);
		List<String> rest = new java.util.ArrayList<>();
		stream.forEachRemaining(rest::add);

		assertThat(rest).containsExactly("s2", "s3", "s4");
		assertThat(this.server.takeRequest().query()).isEqualTo("limit=2");
		assertThat(this.server.takeRequest().query()).isEqualTo("limit=2&nextToken=t1");
		assertThat(this.server.takeRequest().query()).isEqualTo("limit=2&nextToken=t2");
	}

	@Test
	void theWalkStopsOnABlankToken() {
		this.server.enqueue(page("s1").withHeader("X-Next-Token", " "));

		assertThat(this.sandboxes.list().stream()).extracting(SandboxInfo::sandboxId).containsExactly("s1");
		this.server.takeRequest();
		assertThat(this.server.pendingRequests()).isZero();
	}

	@Test
	void theWalkStopsOnARepeatedToken() {
		this.server.enqueue(page("s1").withHeader("X-Next-Token", "t1"))
			.enqueue(page("s2").withHeader("X-Next-Token", "t1"))
			.enqueue(page("never"));

		assertThat(this.sandboxes.list().stream()).extracting(SandboxInfo::sandboxId).containsExactly("s1", "s2");
	}

	@Test
	void theReactiveWalkEmitsEveryPageInOrder() {
		this.server.enqueue(page("s1", "s2").withHeader("X-Next-Token", "t1")).enqueue(page("s3"));
		ReactiveSandboxPaginator paginator = WireFixtures.reactiveTemplate(this.server).list();

		StepVerifier.create(paginator.items().map(SandboxInfo::sandboxId))
			.expectNext("s1", "s2", "s3")
			.verifyComplete();
		assertThat(paginator.hasNext()).isFalse();
	}

	@Test
	void theReactiveNextItemsPastTheLastPageErrors() {
		this.server.enqueue(page("s1"));
		ReactiveSandboxPaginator paginator = WireFixtures.reactiveTemplate(this.server).list();

		StepVerifier.create(paginator.nextItems()).expectNextCount(1).verifyComplete();
		StepVerifier.create(paginator.nextItems()).verifyError(NoSuchElementException.class);
	}

	@Test
	void aPageSizeOutsideOneToAHundredIsRejected() {
		assertThatExceptionOfType(InvalidArgumentException.class)
			.isThrownBy(() -> this.sandboxes.list(SandboxQuery.all(), 0, null))
			.withMessageContaining("limit");
		assertThatExceptionOfType(InvalidArgumentException.class)
			.isThrownBy(() -> this.sandboxes.list(SandboxQuery.all(), 101, null));
	}

	private static Response page(String... ids) {
		StringBuilder json = new StringBuilder("[");
		for (String id : ids) {
			json.append((json.length() > 1) ? "," : "").append(listed(id, "{\"user\":\"a b\",\"x/y\":\"z&w\"}"));
		}
		return Response.json(200, json.append(']').toString());
	}

}
