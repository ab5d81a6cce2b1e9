export {
  type ApiKeyCaller,
  type ApiKeyListItem,
  createApiKey,
  findApiKeyCaller,
  keyPrefix,
  listApiKeys,
  revokeApiKey,
} from "./keys";
