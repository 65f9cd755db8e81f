# syntax=docker/dockerfile:1
# One image for every process: the API (default CMD), the worker and the migration job (override the command):
#   docker run IMAGE                                      API on :3000
#   docker run IMAGE node dist/apps/worker/src/main.js    worker (metrics on :9464)
#   docker run IMAGE node dist/scripts/migrate.js         apply pending migrations, then exit

ARG NODE_IMAGE=node:20-bookworm-slim

# --- deps: every dependency, for the build -------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# Puppeteer must use Debian's Chromium, never download its own browser.
ENV PUPPETEER_SKIP_DOWNLOAD=true
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm install --no-audit --no-fund

# --- build: compile to dist/ ---------------------------------------------------------------------------
FROM deps AS build
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY migrations ./migrations
COPY scripts ./scripts
COPY bench ./bench
# tsconfig.build.json compiles the test kit's stand-ins (test/smtp, test/stripe-emulator) for the demo.
COPY test ./test
# nest-cli.json's assets copy the non-TypeScript files that code reads next to itself (word lists).
RUN npm run build

# --- prod-deps: runtime dependencies only --------------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV PUPPETEER_SKIP_DOWNLOAD=true
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm install --omit=dev --no-audit --no-fund

# --- runtime -------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# chromium renders invoice PDFs; fonts so that PDFs have real glyphs; tini reaps Chromium's child processes
# and forwards signals (node as PID 1 does neither).
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-liberation fonts-dejavu-core tini ca-certificates \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000 \
    WORKER_METRICS_PORT=9464 \
    PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium \
    PUPPETEER_SKIP_DOWNLOAD=true
WORKDIR /app
# Code and dependencies stay owned by root: the app user can read them, not change them.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000 9464
# The API's liveness; docker-compose.yml gives the worker its own (metrics port) and turns it off for migrate.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/apps/api/src/main.js"]
