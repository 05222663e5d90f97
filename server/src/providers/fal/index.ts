export { createFalProvider, FAL_DEFAULT_RESULT_HOSTS, type FalProviderConfig } from './FalProvider.ts';
export { falDescriptor, FAL_ENDPOINT } from './descriptor.ts';
