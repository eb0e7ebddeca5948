import { catalogSuite } from "./catalog-suite";

catalogSuite("pools");
