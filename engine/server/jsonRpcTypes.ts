/** The protocol's descriptors (contracts/engineProtocol.ts) as the vscode-jsonrpc message types the server's connection takes. */
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { NotificationDescriptor, RequestDescriptor } from '../../contracts/engineProtocol.ts';

export function requestType<Params, Result>(request: RequestDescriptor<Params, Result>): RequestType<Params, Result, void> {
  return new RequestType<Params, Result, void>(request.method);
}

export function notificationType<Params>(notification: NotificationDescriptor<Params>): NotificationType<Params> {
  return new NotificationType<Params>(notification.method);
}
