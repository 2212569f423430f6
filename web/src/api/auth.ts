import { apiUrl, request, requestNoContent } from './client';
import type { Me } from './types';

export function login(username: string, password: string): Promise<Me> {
  return request<Me>(apiUrl('/auth/login'), { method: 'POST', json: { username, password }, ignoreUnauthorized: true });
}

export function logout(): Promise<void> {
  return requestNoContent(apiUrl('/auth/logout'), { method: 'POST', ignoreUnauthorized: true });
}

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return request<Me>(apiUrl('/auth/me'), { ignoreUnauthorized: true, ...(signal === undefined ? {} : { signal }) });
}
