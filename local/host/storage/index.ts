// Storage queues and tables against AzureWebJobsStorage. (Being built.)
import type { ExtensionFactory } from '../extension';

export const storageExtension: ExtensionFactory = () => ({ name: 'storage' });
