/** CDK context that turns the scheduled harvest on, over the test sources in test/infra/fixtures/harvest-sources.json. */
export const HARVEST_CONTEXT = {
  harvestSources: 'goteborg-ciceron-test,goteborg-np-test',
  harvestSourcesPath: 'test/infra/fixtures/harvest-sources.json',
  harvestContact: 'oppna-data@goteborg.example',
};
