# syntax=docker/dockerfile:1
# One image for every Switchboard process; APP picks which one runs: channel-web, agent-api,
# ticket-service, routing-service, channel-email, init (migrations and topics, then exits) or
# standalone (everything in one process, embedded database under /data: the default).
# One image rather than one per app: every app runs the same compiled libs/ and dependencies, so
# per-app images would repeat ~all of their layers, and one build tested once is what every service
# runs. Build: `docker build -t switchboard .`; not built on the development machines (no Docker
# engine there): e2e/deploy lints this file and checks its rules offline (docs/deploy.md).
ARG NODE_IMAGE=node:24-bookworm-slim

# 1. Compile: every dependency (swc among them), then swc into dist/ (npm run build).
FROM ${NODE_IMAGE} AS build
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY scripts ./scripts
COPY apps ./apps
COPY libs ./libs
COPY bench ./bench
COPY e2e/support ./e2e/support
RUN node scripts/build.mjs

# 2. Production dependencies only, without install scripts.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# 3. Runtime: Node 24 slim, the compiled code and production dependencies, as the unprivileged
# `node` user (uid 1000, which k8s/ runs as). Nothing secret is built in: settings come from the
# environment at run time (.env.example, k8s/ ConfigMap and Secret).
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    APP=standalone \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=prod-deps /build/node_modules ./node_modules
COPY --from=build /build/dist ./dist
COPY package.json ./
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "dist/scripts/healthcheck.js"]
# The register module starts OpenTelemetry before the app loads (off unless OTEL_* settings ask).
ENTRYPOINT ["/bin/sh", "-c", "exec node --enable-source-maps --import ./dist/libs/observability/src/tracing/register.js \"dist/apps/${APP}/src/main.js\""]
