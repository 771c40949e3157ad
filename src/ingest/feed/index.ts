export { parseFeed, FeedParseError, isGzipFile, type ParseFeedContext, type FeedParseErrorCode } from './parse-feed.ts';
export { decodeBody, decodeFeedBytes, charsetFromContentType } from './decode.ts';
export { sniffFeedKind } from './detect.ts';
export { parseFeedDate, authorName, assignItemIds, collapseWhitespace, contentIdentity, isContentIdentity, resolveUrl, resolveHtmlUrls, htmlToText, cleanText } from './normalise.ts';
