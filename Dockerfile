# One image for every app; APP picks which one runs (standalone, channel-web, ticket-service,
# routing-service, agent-api, channel-email). Not built on the development machines (no Docker engine there).
FROM node:24-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=optional
COPY . .
# swc emits the decorator metadata NestJS reads; the services run the compiled dist/.
RUN npm run build
ENV APP=standalone HOST=0.0.0.0
USER node
CMD ["sh", "-c", "exec node --enable-source-maps dist/apps/${APP}/src/main.js"]
