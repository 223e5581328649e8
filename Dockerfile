# syntax=docker/dockerfile:1
# ccproxy as a small container: the one compiled executable on distroless (glibc, no shell),
# running as the non-root user "nonroot" (uid 65532, HOME /home/nonroot).
#
#   docker build -t ccproxy .
#   docker run --rm -p 127.0.0.1:8000:8000 -e CCPROXY_SECURITY__AUTH_TOKEN=change-me ccproxy
#
# See docs/INSTALL.md (Docker) and docs/examples/compose.yaml for credentials and volumes.

FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx bun scripts/build.ts --single --outfile /out/ccproxy && /out/ccproxy --version

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /out/ccproxy /usr/local/bin/ccproxy
# Listen on every interface inside the container; publish the port on 127.0.0.1 on the host,
# or set CCPROXY_SECURITY__AUTH_TOKEN (ccproxy warns loudly without one on a non-loopback address).
# Bun's fetch sends at most 256 requests at once (more wait in a queue) unless
# BUN_CONFIG_MAX_HTTP_REQUESTS is set when the process starts; it cannot be raised from inside.
ENV SERVER__HOST=0.0.0.0 \
    SERVER__PORT=8000 \
    BUN_CONFIG_MAX_HTTP_REQUESTS=4096
EXPOSE 8000
USER nonroot
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["/usr/local/bin/ccproxy", "health"]
ENTRYPOINT ["/usr/local/bin/ccproxy"]
CMD ["serve"]
