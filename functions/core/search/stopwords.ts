/**
 * The most frequent Swedish function words, folded. They occur in nearly every § and so select nothing; leaving them
 * out of the index saves about a third of its postings. A query made only of them matches nothing. They are checked
 * before stemming (the stem of "denna" is "denn", which no one searches for either way).
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'och', 'att', 'det', 'som', 'en', 'på', 'är', 'av', 'för', 'med', 'till', 'den', 'har', 'de', 'inte', 'om', 'ett',
  'han', 'men', 'var', 'jag', 'sig', 'från', 'vi', 'så', 'kan', 'man', 'när', 'år', 'säger', 'hon', 'under', 'också',
  'efter', 'eller', 'nu', 'sin', 'där', 'vid', 'mot', 'ska', 'skall', 'skulle', 'hade', 'blir', 'bli', 'samt', 'vara',
  'detta', 'denna', 'dessa', 'än', 'genom', 'dels', 'ur', 'hos', 'sina', 'sitt', 'vilket', 'vilka', 'vilken',
  'även', 'se', 'ha', 'in', 'ut', 'upp', 'alla', 'då', 'dem', 'sedan', 'enligt',
]);
