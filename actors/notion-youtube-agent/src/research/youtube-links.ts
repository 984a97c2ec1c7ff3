// Public YouTube URLs. The channel-id URL never changes, so it is the primary link; a handle
// URL is nicer to read but only exists for "@" handles (legacy custom URLs are not reliable).

export function channelUrl(channelId: string): string {
  return `https://www.youtube.com/channel/${encodeURIComponent(channelId)}`;
}

/** The handle URL for a customUrl like "@coreyms"; undefined for legacy custom URLs. */
export function handleUrl(customUrl: string | undefined): string | undefined {
  if (customUrl === undefined || !/^@[\w.-]+$/u.test(customUrl)) return undefined;
  return `https://www.youtube.com/${customUrl}`;
}

export function videoUrl(videoId: string): string {
  return `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}`;
}
