# syntax=docker/dockerfile:1
# Codex Pulse production image: multi-stage, Node 24, non-root, production dependencies only.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci: exactly the lockfile, which lists every platform's optional binaries (linux-x64 and the musl,
# ARM, macOS and Windows builds), so the same file serves this image and every developer's machine.
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY reports ./reports
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
# A heap cap makes V8 collect before RSS balloons with garbage from large API pages; the bot's live
# heap is far below it (answers are SQL over the warehouse; the sync streams a day at a time).
# `npm run bench` measures with the same setting.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-old-space-size=256 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json manifest.yml ./
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# No --start-period: dockerfilelint 1.8 misparses it; three 30 s retries already give start-up 90 s.
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "dist/src/cli/bin.js"]
CMD ["serve"]
