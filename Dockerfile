# syntax=docker/dockerfile:1
# Multi-stage build of bunq-scope-gateway. The runtime image runs the same start path as the
# README (`bunq-gateway serve`, which applies migrations on start), as a non-root user.

# --- build: full install (compiles better-sqlite3, generates the Prisma client, builds dist/)
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY bin ./bin
RUN npm ci --no-audit --no-fund

# --- production dependencies only (native modules built here too, same base image)
FROM node:20-bookworm-slim AS deps
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts skips our own "prepare" (the build happened above); better-sqlite3's
# native addon is then built explicitly.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
    && npm rebuild better-sqlite3

# --- runtime
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    GATEWAY_HOST=0.0.0.0 \
    GATEWAY_PORT=8080 \
    GATEWAY_DATA_DIR=/data \
    CHECKPOINT_DISABLE=1
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json prisma.config.ts ./
# prisma.config.ts (read by `prisma migrate deploy` for SQLite) picks schema and migrations by
# DATABASE_URL with this one module.
COPY src/store/database-url.ts ./src/store/database-url.ts
COPY prisma ./prisma
COPY policies ./policies
COPY console ./console
COPY bin ./bin
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# Clients reach the container through Docker's network, never from loopback, so the gateway
# refuses tokens over plain HTTP here (issue #5). Serve TLS from the container
# (GATEWAY_TLS_CERT_FILE + GATEWAY_TLS_KEY_FILE, mounted read-only), or put a TLS proxy in front on
# a trusted network and set GATEWAY_ALLOW_INSECURE_HTTP=true. The health probe is a local liveness
# check over loopback: it speaks https when TLS is on and does not verify the certificate.
# 8081: console and admin API; bound to 127.0.0.1 inside the container unless ADMIN_HOST is set.
EXPOSE 8080 8081
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "const s=!!process.env.GATEWAY_TLS_CERT_FILE;require(s?'https':'http').get({host:'127.0.0.1',port:process.env.GATEWAY_PORT||8080,path:'/healthz',rejectUnauthorized:false},r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))"
# Run as an executable so its #! line applies (the gateway's heap limit, bin/bunq-gateway.js).
ENTRYPOINT ["./bin/bunq-gateway.js"]
CMD ["serve"]
