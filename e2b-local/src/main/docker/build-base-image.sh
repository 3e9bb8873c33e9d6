#!/usr/bin/env bash
# Builds a Debian base image for e2b-local (bash, a Java 17 runtime, bubblewrap,
# slirp4netns) without any container registry: debootstrap into a folder, then docker
# import. An image that is already there is reused.
#
#   build-base-image.sh [image-name]      default: e2b-local-base:bookworm-2
set -euo pipefail

image="${1:-e2b-local-base:bookworm-2}"
if docker image inspect "$image" >/dev/null 2>&1; then
	echo "Reusing the base image $image"
	exit 0
fi

# the Debian mirror this machine's apt already uses
mirror="$( (grep -rhoE '^(URIs:|deb) +[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d 2>/dev/null || true) \
	| awk '{print $2}' | head -n 1)"
if [ -z "$mirror" ]; then
	echo "No Debian mirror found in the apt sources of this machine" >&2
	exit 1
fi

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
echo "Building $image with debootstrap (Debian bookworm)"
debootstrap --variant=minbase --include=bash,openjdk-17-jre-headless,bubblewrap,slirp4netns,procps \
	bookworm "$root" "$mirror" >/dev/null
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | docker import \
	--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
	--change 'CMD ["/bin/bash"]' - "$image" >/dev/null
echo "Built the base image $image"
